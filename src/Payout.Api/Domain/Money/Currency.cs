namespace Payout.Api.Domain.Money;

/// <summary>A currency we hold or pay out, with the number of decimals an amount of it may carry.</summary>
public sealed record Currency
{
    /// <summary>Every stored amount is a whole number of 10^-8 units, so no currency may be finer.</summary>
    public const int MaxScale = 8;

    public Currency(string code, int scale, CurrencyKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, MaxScale);
        Code = code;
        Scale = scale;
        Kind = kind;
    }

    public string Code { get; }

    public int Scale { get; }

    public CurrencyKind Kind { get; }

    public override string ToString() => Code;
}
