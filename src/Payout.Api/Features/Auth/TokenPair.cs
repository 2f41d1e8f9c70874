namespace Payout.Api.Features.Auth;

/// <summary>What a sign-in issues: a short-lived access token and the refresh token to get the next one.</summary>
public sealed record TokenPair(string AccessToken, string RefreshToken, int ExpiresIn);
