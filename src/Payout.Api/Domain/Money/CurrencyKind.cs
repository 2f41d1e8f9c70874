namespace Payout.Api.Domain.Money;

/// <summary>What we hold (crypto) and what we pay out (fiat).</summary>
public enum CurrencyKind
{
    Crypto,
    Fiat,
}
