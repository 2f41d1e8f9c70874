namespace Payout.Client;

/// <summary>
/// The tokens of a signed-in customer. Store them (securely) to resume a session later: pass them to
/// <see cref="PayoutSession"/> or the <see cref="PayoutClient"/> constructor.
/// </summary>
/// <param name="AccessToken">Sent as <c>Authorization: Bearer</c> on every call.</param>
/// <param name="RefreshToken">Exchanged for a new pair when the access token expires; single use (it rotates).</param>
/// <param name="ExpiresAt">When the access token expires, as computed from <c>expires_in</c> on receipt.</param>
public sealed record TokenPair(string AccessToken, string? RefreshToken, DateTimeOffset? ExpiresAt = null)
{
    /// <summary>Never prints the tokens: apps log objects, and a logged token is a stolen session.</summary>
    public override string ToString() =>
        $"TokenPair {{ AccessToken = ***, RefreshToken = {(RefreshToken is null ? "null" : "***")}, ExpiresAt = {ExpiresAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "null"} }}";
}
