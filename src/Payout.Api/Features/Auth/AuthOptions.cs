using System.ComponentModel.DataAnnotations;

namespace Payout.Api.Features.Auth;

public sealed class AuthOptions
{
    public const string Section = "Auth";

    [Range(30, 86_400)]
    public int AccessTokenSeconds { get; set; } = 900;

    [Range(1, 365)]
    public int RefreshTokenDays { get; set; } = 30;

    /// <summary>Failed sign-ins for one number within <see cref="LockoutMinutes"/> before it is locked.</summary>
    [Range(1, 1000)]
    public int MaxFailedSignIns { get; set; } = 10;

    [Range(1, 1440)]
    public int LockoutMinutes { get; set; } = 30;

    /// <summary>
    /// How long a process may answer requests from its cached copy of a customer (token generation, KYC level);
    /// a sign-out or KYC change made by another process takes effect here within this time. 0 turns the cache off.
    /// </summary>
    [Range(0, 300)]
    public int CustomerCacheSeconds { get; set; } = 5;

    public string Issuer { get; set; } = "payout";

    public string Audience { get; set; } = "payout-api";
}
