// The whole PayOut flow with Payout.Client, against a running API:
//   PAYOUT_URL=http://127.0.0.1:5080 dotnet run --project samples/Payout.Client.Sample
// Exits 0 when the payout went through, 1 on any failure.
using System.Globalization;
using Payout.Client;

var url = new Uri(Environment.GetEnvironmentVariable("PAYOUT_URL") is { Length: > 0 } configured ? configured : "http://127.0.0.1:5080");
using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
var ct = cancellation.Token;

using var http = new HttpClient();
var client = new PayoutClient(http, new PayoutClientOptions
{
    BaseAddress = url,
    MerchantId = Guid.Parse("bece038f-2e46-49f4-b25e-89cd38d6dc16"),
});

try
{
    await client.SignInAsync("+447871239999", "1234Qwerty", ct);
    Say($"Signed in at {url}.");

    // One key per intended action, reused if the same action is retried: the API then answers the stored result.
    var card = await client.AddCardAsync(new AddCardRequest("4012888888881881", "Demo Customer", 2030, 12), NewKey(), ct);
    Say($"Card {card.CardId}: {card.CardType} {card.MaskedPan}, {card.ValidationStatus}.");

    card = await client.SetBillingAddressAsync(card.CardId, new BillingAddress("1 Demo Street", "London", "GB", "SW1A 1AA"), ct);
    Say($"Billing address set: {card.BillingAddress?.City}, {card.BillingAddress?.CountryCode}.");

    var data = await client.GetDataAsync(ct);
    var pair = data.Pairs.Single(p => p is { CurrencyFrom: "USDT", CurrencyTo: "EUR" });
    Say($"USDT→EUR rate {pair.Rate}, per payout {pair.DefaultMinAmountFrom}–{pair.DefaultMaxAmountFrom} USDT, fees {data.Fees.TransactionFee} + {data.Fees.FixFee} EUR.");

    var offer = await client.CreateOfferAsync(new CreateOfferRequest(100m, "USDT", "EUR", card.CardId), NewKey(), ct);
    Say($"Offer {offer.OfferId}: {offer.Amount} {offer.CurrencyFrom} → {offer.AmountTo} {offer.CurrencyTo}.");

    offer = await client.UpdateOfferAsync(offer.OfferId, new UpdateOfferRequest(120m, "USDT", "EUR"), ct);
    var fees = string.Join(", ", offer.FeeInfo.Select(f => f.Name + " " + f.Value.ToString(CultureInfo.InvariantCulture) + " " + f.Currency));
    Say($"Updated: {offer.Amount} {offer.CurrencyFrom} → {offer.AmountTo} {offer.CurrencyTo}, fees {fees}, valid until {offer.ExpiresAt:O}.");
    if (!offer.PossibleToExecute)
    {
        Console.Error.WriteLine("The offer cannot be executed: " + string.Join(" ", offer.ReasonDetails.Select(r => $"{r.Code}: {r.Message}")));
        return 1;
    }

    var payout = await client.ExecuteAsync(offer.OfferId, NewKey(), ct);
    Say($"Payout {payout.OperationId}: {payout.Status}, {payout.AmountTo} {payout.CurrencyTo} sent, {payout.TotalDebited} {payout.CurrencyFrom} debited (fee {payout.Fee}).");

    var operation = await client.GetOperationAsync(payout.OperationId, ct);
    Say($"Operation {operation.OperationId}: {operation.Status} to {operation.MaskedPan}, updated {operation.UpdatedAt:O}.");

    // The signed receipt, verified against the keys the service publishes at /.well-known/jwks.json.
    var receipt = await client.GetVerifiedReceiptAsync(payout.OperationId, cancellationToken: ct);
    Say($"Receipt signed with key {receipt.KeyId}: {receipt.Status}, ledger transactions {string.Join(", ", receipt.LedgerTransactions.Select(t => $"{t.Kind} #{t.Id}"))}.");

    var history = await client.GetHistoryAsync(offset: 0, size: 10, cancellationToken: ct);
    Say($"History, {history.Items.Count} of {history.Total}:");
    foreach (var item in history.Items)
    {
        Say($"  {item.CreatedAt:O} #{item.OperationId} {item.Status} {item.AmountFrom} {item.CurrencyFrom} → {item.AmountTo} {item.CurrencyTo} {item.MaskedPan}");
    }

    await client.SignOutAsync(ct);
    return payout.Status == PayoutStatus.Failed ? 1 : 0;
}
catch (PayoutApiException e)
{
    Console.Error.WriteLine($"PayOut API error {(int)e.StatusCode} {e.Error}{(e.Field is null ? "" : $" ({e.Field})")}: {e.Message}");
    return 1;
}
catch (ReceiptVerificationException e)
{
    Console.Error.WriteLine($"The receipt does not verify: {e.Message}");
    return 1;
}
catch (HttpRequestException e)
{
    Console.Error.WriteLine($"Cannot reach {url}: {e.Message}");
    return 1;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("Cancelled.");
    return 1;
}

static string NewKey() => Guid.NewGuid().ToString();

// Amounts print with the invariant culture, whatever the machine's.
static void Say(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
