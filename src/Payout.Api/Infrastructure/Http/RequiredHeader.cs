namespace Payout.Api.Infrastructure.Http;

/// <summary>
/// Endpoint metadata: a request header the endpoint requires, read by hand (a gate or a handler), so the
/// document can name it. <see cref="SdkVersion.RequireSdkVersion"/> adds one to every <c>/v4/payout</c> endpoint.
/// </summary>
public sealed record RequiredHeader(string Name, string Description, string Example);
