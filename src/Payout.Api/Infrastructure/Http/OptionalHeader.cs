namespace Payout.Api.Infrastructure.Http;

/// <summary>Endpoint metadata: a request header the endpoint honours when sent (<c>Idempotency-Key</c>), so the document names it.</summary>
public sealed record OptionalHeader(string Name, string Description, string Example);
