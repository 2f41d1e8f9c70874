using Payout.Api.Domain.Errors;

namespace Payout.Api.Infrastructure.Errors;

/// <summary>Endpoint metadata: error codes the endpoint (its handler, or a gate in front of it) can answer.</summary>
public interface IProducesErrors
{
    IReadOnlyList<ErrorCode> Codes { get; }
}
