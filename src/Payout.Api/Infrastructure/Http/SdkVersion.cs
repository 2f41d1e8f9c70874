using System.Globalization;
using Payout.Api.Domain.Errors;
using Payout.Api.Infrastructure.Errors;

namespace Payout.Api.Infrastructure.Http;

/// <summary>
/// The <c>X-Sdk-Version</c> rule of spec §2: <c>payoutCard=1.2</c> or <c>1.2</c>, any major.minor ≥ 1.2.
/// </summary>
public static class SdkVersion
{
    public const string Header = "X-Sdk-Version";
    private static readonly Version Minimum = new(1, 2);

    public static ApiError? Check(string? headerValue)
    {
        var version = Parse(headerValue);
        if (version is null)
        {
            return new ApiError(ErrorCode.SDK_VERSION_REQUIRED, field: Header);
        }

        return version < Minimum
            ? new ApiError(ErrorCode.SDK_VERSION_UNSUPPORTED, field: Header)
            : null;
    }

    /// <summary>Accepts "1.2", "payoutCard=1.2" and "1.10"; anything else is unparseable.</summary>
    public static Version? Parse(string? headerValue)
    {
        if (string.IsNullOrWhiteSpace(headerValue))
        {
            return null;
        }

        var text = headerValue.Trim();
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals >= 0)
        {
            if (!text[..equals].Trim().Equals("payoutCard", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            text = text[(equals + 1)..].Trim();
        }

        var parts = text.Split('.');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
                ? new Version(major, minor)
                : null;
    }

    /// <summary>
    /// Applied to the <c>/v4/payout</c> group, after authentication and before the KYC gate. The metadata names
    /// the header and its 400 in the OpenAPI document.
    /// </summary>
    public static RouteGroupBuilder RequireSdkVersion(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(async (context, next) =>
                Check(context.HttpContext.Request.Headers[Header]) is { } error ? error : await next(context))
            .WithMetadata(new RequiredHeader(Header, "The app's SDK version: `payoutCard=1.2` or `1.2`, any major.minor from 1.2.", "payoutCard=1.2"))
            .ProducesErrors(ErrorCode.SDK_VERSION_REQUIRED, ErrorCode.SDK_VERSION_UNSUPPORTED);
}
