using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.RateLimiting;
using Payout.Api.Domain.Errors;

namespace Payout.Api.Infrastructure.Errors;

/// <summary>
/// Which error codes an endpoint can answer: what its handler and gates declare (<see cref="IProducesErrors"/>),
/// 400 for a query or path that breaks the shared input rules (every endpoint), 503 when the database cannot be reached
/// (every endpoint), plus what the framework answers for it — 401 when it requires authorization, 429 when it is rate
/// limited, and for an endpoint that reads a body, 413 for one over 64 KiB. The OpenAPI document lists exactly these,
/// under their status.
/// </summary>
public static class EndpointErrors
{
    /// <summary>Declares codes a gate (an endpoint filter or middleware applied to the endpoint) can answer.</summary>
    public static TBuilder ProducesErrors<TBuilder>(this TBuilder builder, params ErrorCode[] codes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new DeclaredErrors(codes));

    public static IReadOnlySet<ErrorCode> Of(IEnumerable<object> metadata)
    {
        var all = metadata.ToList();
        // Every request's query and path text obeys the shared input rules (RequestRules), whatever the endpoint reads; and
        // every operation reads or writes the database (the operator API at least its audit trail), so any may meet an outage.
        var codes = new SortedSet<ErrorCode>(all.OfType<IProducesErrors>().SelectMany(declared => declared.Codes))
        {
            ErrorCode.VALIDATION,
            ErrorCode.SERVICE_UNAVAILABLE,
        };
        if (all.OfType<IAuthorizeData>().Any())
        {
            codes.Add(ErrorCode.UNAUTHORIZED);
        }

        if (all.OfType<EnableRateLimitingAttribute>().Any())
        {
            codes.Add(ErrorCode.RATE_LIMITED);
        }

        if (all.OfType<IAcceptsMetadata>().Any())
        {
            codes.Add(ErrorCode.VALIDATION);
            codes.Add(ErrorCode.PAYLOAD_TOO_LARGE);
        }

        return codes;
    }

    /// <summary>The codes of <see cref="Of"/> by HTTP status, in status order.</summary>
    public static IReadOnlyList<(int Status, IReadOnlyList<ErrorCode> Codes)> ByStatus(IEnumerable<object> metadata) =>
        Of(metadata).GroupBy(ErrorCatalog.StatusOf)
            .OrderBy(group => group.Key)
            .Select(group => (group.Key, (IReadOnlyList<ErrorCode>)[.. group]))
            .ToList();

    private sealed record DeclaredErrors(IReadOnlyList<ErrorCode> Codes) : IProducesErrors;
}
