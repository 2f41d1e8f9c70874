using CsCheck;
using Payout.Api.Domain.Money;
using Payout.Api.Domain.Pricing;

namespace Payout.UnitTests.Support;

/// <summary>Generators spread over orders of magnitude, so tiny and huge figures are sampled as often as middling ones.</summary>
public static class PricingGens
{
    /// <summary>Positive values between about 10^minPower and 10^maxPower, truncated to <paramref name="scale"/> decimals.</summary>
    public static Gen<decimal> Magnitudes(int minPower, int maxPower, int scale) =>
        Gen.Select(Gen.Long[1, 99_999_999], Gen.Int[minPower, maxPower])
            .Select((mantissa, power) => Rounding.Down(mantissa / 10_000_000m * PowerOfTen(power), scale))
            .Where(value => value > 0);

    /// <summary>Customer rates from 0.0001 (a cheap coin) to about a million (fiat per coin).</summary>
    public static readonly Gen<decimal> Rates = Magnitudes(-4, 5, 8);

    /// <summary>Crypto amounts at 8 decimals, from one satoshi-ish to a hundred million.</summary>
    public static readonly Gen<decimal> CryptoAmounts = Magnitudes(-8, 7, 8);

    public static readonly Gen<Currency> Cryptos = Gen.Int[2, Currency.MaxScale].Select(scale => new Currency("COIN", scale, CurrencyKind.Crypto));

    public static readonly Gen<Currency> Fiats = Gen.Int[0, 1].Select(i => i == 0 ? Fiat("EUR") : Fiat("USD"));

    /// <summary>Fractions below one half, with zero common (the default for three of the four).</summary>
    public static readonly Gen<decimal> Fractions = Gen.Frequency(
        (2, Gen.Const(0m)),
        (3, Gen.Int[0, 999].Select(basisPoints => basisPoints / 10_000m)),
        (1, Gen.Int[0, 4_999].Select(basisPoints => basisPoints / 10_000m)));

    public static readonly Gen<decimal> FixFees = Gen.Frequency((1, Gen.Const(0m)), (4, Gen.Int[0, 1_000].Select(cents => cents / 100m)));

    public static readonly Gen<FeeOptions> Fees =
        Gen.Select(Fractions, Fractions, Fractions, Fractions, FixFees).Select((transaction, network, additional, partner, fix) => new FeeOptions
        {
            TransactionFee = transaction,
            NetworkFee = network,
            AdditionalFee = additional,
            PartnerFee = partner,
            FixFee = fix,
        });

    public static readonly Gen<FiatBounds> FiatBounds =
        Gen.Select(Gen.Int[1, 10_000], Gen.Int[0, 1_000_000])
            .Select((minCents, extraCents) => new FiatBounds(minCents / 100m, (minCents + extraCents) / 100m));

    public static Currency Fiat(string code) => new(code, 2, CurrencyKind.Fiat);

    private static decimal PowerOfTen(int power)
    {
        var result = 1m;
        for (var i = 0; i < Math.Abs(power); i++)
        {
            result = power > 0 ? result * 10 : result / 10;
        }

        return result;
    }
}
