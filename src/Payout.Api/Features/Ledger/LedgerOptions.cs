using System.Globalization;
using Payout.Api.Domain;

namespace Payout.Api.Features.Ledger;

/// <summary>Section <c>Ledger</c>.</summary>
public sealed class LedgerOptions : ISelfValidatingOptions
{
    public const string SectionName = "Ledger";

    /// <summary>
    /// Rows per house account and currency. More shards let more payouts in one currency commit side by side;
    /// reads of a house balance sum that many rows. Safe to change on a running installation (see docs/decisions.md).
    /// </summary>
    public int HouseShards { get; set; } = Domain.Ledger.HouseShards.DefaultCount;

    public IReadOnlyList<string> Validate() =>
        HouseShards is >= 1 and <= Domain.Ledger.HouseShards.MaxCount
            ? []
            : [string.Create(CultureInfo.InvariantCulture,
                $"Ledger:HouseShards must be between 1 and {Domain.Ledger.HouseShards.MaxCount} (is {HouseShards}).")];
}
