namespace Payout.Api.Features.Reconciliation;

/// <summary>The network's settlement file could not be had (down, refused, unreadable): nothing can be compared.</summary>
public sealed class SettlementFileUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
