using Payout.Api.Domain;

namespace Payout.Api.Infrastructure.Http;

/// <summary>Section <c>RateLimits</c>: requests per minute and process.</summary>
public sealed class RateLimitOptions : ISelfValidatingOptions
{
    public const string SectionName = "RateLimits";

    /// <summary><c>/v4/payout/*</c> requests per customer and minute.</summary>
    public int PerCustomerPerMinute { get; set; } = 600;

    /// <summary><c>/oauth/token</c> requests per client address and minute.</summary>
    public int TokenPerAddressPerMinute { get; set; } = 60;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (PerCustomerPerMinute <= 0)
        {
            errors.Add("RateLimits:PerCustomerPerMinute must be greater than 0.");
        }

        if (TokenPerAddressPerMinute <= 0)
        {
            errors.Add("RateLimits:TokenPerAddressPerMinute must be greater than 0.");
        }

        return errors;
    }
}
