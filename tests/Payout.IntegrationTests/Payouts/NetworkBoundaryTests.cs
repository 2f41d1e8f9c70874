using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Payout.Api.Domain.Cards;
using Payout.Api.Domain.Rates;
using Payout.Api.Features.Cards;
using Payout.Api.Features.Rates;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Payouts;

/// <summary>
/// The two outside sources PayOut depends on, replaced at their interfaces: a rate feed that has gone
/// quiet (its USDT/EUR rate is old) and a network that does not approve one card.
/// </summary>
public sealed class QuietRatesApp : PayoutApp
{
    public const string DeclinedCard = "4111111111111111";

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.RemoveAll<IRateSource>();
        services.AddSingleton<IRateSource>(sp => new StaleUsdtEur(ActivatorUtilities.CreateInstance<ConfiguredRateSource>(sp), Clock));
        services.RemoveAll<ICardEligibility>();
        services.AddSingleton<ICardEligibility, DeclinesOneCard>();
    }

    private sealed class StaleUsdtEur(IRateSource inner, TimeProvider clock) : IRateSource
    {
        public async ValueTask<MarketRate?> GetAsync(string from, string to, CancellationToken ct)
        {
            var rate = await inner.GetAsync(from, to, ct);
            return rate is not null && (from, to) == ("USDT", "EUR") ? rate with { ObservedAt = clock.GetUtcNow().AddSeconds(-61) } : rate;
        }
    }

    private sealed class DeclinesOneCard : ICardEligibility
    {
        public Task<CardValidationStatus> CheckAsync(CardNumber number, CancellationToken cancellationToken) =>
            Task.FromResult(number.RevealDigits() == DeclinedCard ? CardValidationStatus.DECLINED : CardValidationStatus.APPROVED);
    }
}

public sealed class NetworkBoundaryTests(QuietRatesApp app) : IClassFixture<QuietRatesApp>
{
    [Fact]
    public async Task A_stale_rate_is_not_quoted()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();

        await (await app.CreateOfferAsync(client, cardId, 100m, "USDT", "EUR")).AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "RATE_UNAVAILABLE");
        Assert.Equal(HttpStatusCode.OK, (await app.CreateOfferAsync(client, cardId, 100m, "USDT", "USD")).StatusCode);

        var data = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/v4/payout/data");
        Assert.DoesNotContain(data.GetProperty("pairs").EnumerateArray(),
            p => p.GetProperty("currencyFrom").GetString() == "USDT" && p.GetProperty("currencyTo").GetString() == "EUR");
        Assert.Equal(15, data.GetProperty("pairs").GetArrayLength());
    }

    [Fact]
    public async Task A_card_the_network_declines_is_stored_declined_and_cannot_be_paid_out_to()
    {
        var (customer, client, _) = await app.PayingCustomerAsync();
        var response = await client.PostAsJsonAsync("/v4/payout/card",
            new { cardNumber = QuietRatesApp.DeclinedCard, cardHolder = "Declined Person", cardExpirationYear = 2030, cardExpirationMonth = 1 });
        var card = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal("DECLINED", card.GetProperty("validationStatus").GetString());
        var cardId = card.GetProperty("cardId").GetInt64();
        await client.PostAsJsonAsync($"/v4/payout/card/{cardId}/billing-address",
            new { address = "1 High Street", city = "London", countryCode = "GB", zip = "SW1A 1AA" }).AssertSuccessAsync();

        var offer = await app.OfferAsync(client, cardId, 100m, "USDT", "USD");

        Assert.Equal(["CARD_NOT_APPROVED"], offer.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        await (await app.PayAsync(client, offer.GetProperty("offerId").GetInt64())).AssertErrorAsync(HttpStatusCode.BadRequest, "CARD_NOT_APPROVED");
        Assert.Equal(1_000m, await app.BalanceAsync(customer.Id, "USDT"));
    }
}
