using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Payout.Api.Features.Cards;
using Payout.Api.Infrastructure.Persistence;
using Payout.Api.Security;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Cards;

/// <summary>Rotates the app's card-fingerprint key, so it has an app of its own.</summary>
public sealed class FingerprintRotationTests(PayoutApp app) : IClassFixture<PayoutApp>
{
    private const string Visa = "4012888888881881";
    private const string Mastercard = "5555555555554444";

    [Fact]
    public async Task A_card_stored_under_the_old_key_is_found_while_the_rotation_runs_and_after_it()
    {
        var (client, visaId, removedId) = await CustomerWithTwoCardsAsync();

        // The new key is current, but no card has been re-fingerprinted yet.
        Keys.AddKey(KeyPurpose.CardFingerprint);
        Assert.Equal(visaId, await app.AddCardAsync(client, Visa, withBillingAddress: false));
        Assert.Equal(removedId, await app.AddCardAsync(client, Mastercard, withBillingAddress: false));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<CardFingerprintRotation>().RefingerprintAllAsync(CancellationToken.None) >= 2);
        }

        Assert.Equal(0, await CardsNotUnderAsync(Keys.CardFingerprint.Current.Id));
        Assert.Equal(visaId, await app.AddCardAsync(client, Visa, withBillingAddress: false));
    }

    [Fact]
    public async Task The_rotate_command_re_fingerprints_every_card_and_audits_the_key_and_the_count()
    {
        var (client, visaId, _) = await CustomerWithTwoCardsAsync();

        string keyId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            (keyId, var moved) = await scope.ServiceProvider.GetRequiredService<CardFingerprintRotation>().RotateAsync(Keys, CancellationToken.None);
            Assert.True(moved >= 2);
        }

        Assert.Equal(0, await CardsNotUnderAsync(keyId));
        Assert.Equal(visaId, await app.AddCardAsync(client, Visa, withBillingAddress: false));
        using var admin = app.AdminClient();
        var rotated = await admin.GetFromJsonAsync<JsonElement>("/admin/v1/audit?type=KEY_ROTATED");
        Assert.Contains(rotated.GetProperty("items").EnumerateArray(), r => r.GetProperty("subject").GetString() == $"key:card-fingerprint/{keyId}");
        var rekeyed = await admin.GetFromJsonAsync<JsonElement>("/admin/v1/audit?type=CARDS_REKEYED");
        Assert.Contains(rekeyed.GetProperty("items").EnumerateArray(), r => r.GetProperty("subject").GetString() == $"key:card-fingerprint/{keyId}");
    }

    [Fact]
    public async Task A_process_that_has_not_met_the_new_key_still_finds_a_re_fingerprinted_card()
    {
        await using var older = new PayoutApp(app.Database, app.KeysDirectory);
        await older.InitializeAsync();
        var customer = await app.CreateCustomerAsync();
        using var client = await app.ClientForAsync(customer);
        var visaId = await app.AddCardAsync(client, Visa, withBillingAddress: false);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CardFingerprintRotation>().RotateAsync(Keys, CancellationToken.None);
        }

        using var throughOlder = older.ClientWithToken((await older.SignInAsync(customer)).AccessToken);
        Assert.Equal(visaId, await older.AddCardAsync(throughOlder, Visa, withBillingAddress: false));
    }

    private KeyStore Keys => app.Services.GetRequiredService<KeyStore>();

    /// <summary>A customer with a Visa card and a removed Mastercard.</summary>
    private async Task<(HttpClient Client, long VisaId, long RemovedId)> CustomerWithTwoCardsAsync()
    {
        var client = await app.ClientForAsync(await app.CreateCustomerAsync());
        var visaId = await app.AddCardAsync(client, Visa, withBillingAddress: false);
        var removedId = await app.AddCardAsync(client, Mastercard, withBillingAddress: false);
        (await client.DeleteAsync($"/v4/payout/card/{removedId}")).EnsureSuccessStatusCode();
        return (client, visaId, removedId);
    }

    private async Task<int> CardsNotUnderAsync(string keyId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PayoutDbContext>().Set<Card>().CountAsync(c => c.FingerprintKeyId != keyId);
    }
}
