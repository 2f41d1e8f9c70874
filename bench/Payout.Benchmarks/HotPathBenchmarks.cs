using BenchmarkDotNet.Attributes;
using Payout.Api.Domain.Cards;
using Payout.Api.Domain.Errors;
using Payout.Api.Domain.Ledger;
using Payout.Api.Domain.Money;
using Payout.Api.Domain.Pricing;
using Payout.Api.Security;

namespace Payout.Benchmarks;

/// <summary>
/// The pure work on every quote and every execute: pricing, the ledger transaction, card rules and card
/// crypto. Targets (per call, on a 2-core CI machine): pricing and allAmountFrom under 10 µs, a payout's
/// ledger transaction under 5 µs, card validation under 5 µs, encrypt + decrypt under 25 µs.
/// </summary>
[MemoryDiagnoser]
public class HotPathBenchmarks
{
    private static readonly Currency Usdt = CurrencyCatalog.Default.Get("USDT");
    private static readonly Currency Eur = CurrencyCatalog.Default.Get("EUR");
    private static readonly FeeOptions Fees = new();
    private static readonly CryptoBounds Bounds = new(27.7284827m, 2772.84826974m);
    private static readonly FeeBreakdown VaultExampleFees = new(29.37502167m, 0m, 0m, 0m);
    private readonly CardCipher cipher;
    private readonly EncryptedCard encrypted;

    public HotPathBenchmarks()
    {
        var keys = KeyStore.Load(Directory.CreateTempSubdirectory("payout-bench-keys-").FullName, generateMissing: true);
        cipher = new CardCipher(keys);
        encrypted = cipher.Encrypt(CardNumber.Parse("4012888888881881"));
    }

    [Benchmark]
    public PricedOffer Price_an_offer() => OfferPricing.Price(760.06209697m, Usdt, Eur, 0.9016m, Fees);

    [Benchmark]
    public decimal All_amount_from() => OfferPricing.AllAmountFrom(5_000m, Usdt, Eur, 0.9016m, Fees, Bounds, 9_700m, 1m);

    [Benchmark]
    public LedgerTransaction Build_a_payout_debit() =>
        LedgerTransactions.PayoutDebit(42, "USDT", 760.06209697m, VaultExampleFees, new FiatLeg("EUR", 685.27m), 5);

    [Benchmark]
    public Result<ValidCard> Validate_a_card() =>
        CardRules.Validate("4012 8888 8888 1881", "John Smith", 2030, 12, new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    [Benchmark]
    public CardNumber Encrypt_and_decrypt_a_card() => cipher.Decrypt(cipher.Encrypt(CardNumber.Parse("4012888888881881")));

    [Benchmark]
    public CardNumber Decrypt_a_stored_card() => cipher.Decrypt(encrypted);
}
