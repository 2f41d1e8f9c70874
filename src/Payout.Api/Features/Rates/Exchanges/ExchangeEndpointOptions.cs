namespace Payout.Api.Features.Rates.Exchanges;

/// <summary><c>Rates:Exchanges:&lt;Name&gt;</c>: whether an exchange is asked, and where.</summary>
public sealed class ExchangeEndpointOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>The exchange's public API root; the real public address unless configured (tests point it at 127.0.0.1).</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>The base URL with one trailing slash, so relative ticker paths append to it.</summary>
    public Uri BaseUri => new(BaseUrl.EndsWith('/') ? BaseUrl : BaseUrl + "/", UriKind.Absolute);
}
