using Payout.Api.Domain.Errors;

namespace Payout.Api.Infrastructure.Errors;

/// <summary>
/// The error codes a handler can answer, declared once on the handler method:
/// <c>[ProducesError(ErrorCode.OFFER_NOT_FOUND, ErrorCode.OFFER_EXPIRED)]</c>. Minimal APIs add the method's
/// attributes to the endpoint's metadata, where the OpenAPI document reads them (<see cref="EndpointErrors"/>).
/// Gates declare theirs with <see cref="EndpointErrors.ProducesErrors{TBuilder}"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ProducesErrorAttribute(params ErrorCode[] codes) : Attribute, IProducesErrors
{
    public IReadOnlyList<ErrorCode> Codes { get; } = codes;
}
