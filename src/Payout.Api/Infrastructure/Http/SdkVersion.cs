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
        if (!TryParse(headerValue, out var major, out var minor))
        {
            return new ApiError(ErrorCode.SDK_VERSION_REQUIRED, field: Header);
        }

        return major < Minimum.Major || (major == Minimum.Major && minor < Minimum.Minor)
            ? new ApiError(ErrorCode.SDK_VERSION_UNSUPPORTED, field: Header)
            : null;
    }

    /// <summary>Accepts "1.2", "payoutCard=1.2" and "1.10"; anything else is unparseable.</summary>
    public static Version? Parse(string? headerValue) =>
        TryParse(headerValue, out var major, out var minor) ? new Version(major, minor) : null;

    /// <summary>Read on every payout call, so on spans: no trimmed copies, no split.</summary>
    private static bool TryParse(ReadOnlySpan<char> headerValue, out int major, out int minor)
    {
        major = minor = 0;
        var text = headerValue.Trim();
        var equals = text.IndexOf('=');
        if (equals >= 0)
        {
            if (!text[..equals].Trim().Equals("payoutCard", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            text = text[(equals + 1)..].Trim();
        }

        var dot = text.IndexOf('.');
        return dot >= 0
            && !text[(dot + 1)..].Contains('.')
            && int.TryParse(text[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out major)
            && int.TryParse(text[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out minor);
    }

    /// <summary>
    /// Applied to the <c>/v4/payout</c> group, after authentication and before the KYC gate. The metadata names
    /// the header and its 400 in the OpenAPI document.
    /// </summary>
    public static RouteGroupBuilder RequireSdkVersion(this RouteGroupBuilder group) =>
        group.AddEndpointFilter((context, next) =>
                Check(context.HttpContext.Request.Headers[Header]) is { } error ? ValueTask.FromResult<object?>(error) : next(context))
            .WithMetadata(new RequiredHeader(Header, "The app's SDK version: `payoutCard=1.2` or `1.2`, any major.minor from 1.2.", "payoutCard=1.2"))
            .ProducesErrors(ErrorCode.SDK_VERSION_REQUIRED, ErrorCode.SDK_VERSION_UNSUPPORTED);
}
