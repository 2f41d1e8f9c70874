namespace Payout.Client;

/// <summary>
/// The sign-in state shared by every <see cref="PayoutClient"/> that uses it: the current
/// <see cref="TokenPair"/>, and one refresh at a time. Thread-safe.
/// </summary>
/// <remarks>
/// Refresh tokens rotate and the API treats a used refresh token presented again as stolen (it ends every
/// session of the customer), so concurrent calls that meet a 401 must share one refresh, not race. That is why
/// the state lives here and not in each (transient, factory-made) client.
/// <see cref="PayoutServiceCollectionExtensions.AddPayoutClient"/> registers one session per container: one
/// signed-in customer per app. A server acting for many customers creates a client with its own session per customer.
/// </remarks>
public sealed class PayoutSession
{
    private TokenPair? tokens;

    /// <summary>Starts a session, optionally with tokens saved earlier.</summary>
    public PayoutSession(TokenPair? tokens = null) => this.tokens = tokens;

    /// <summary>
    /// Raised after the tokens change (sign-in, refresh, sign-out, a refused refresh). Refresh tokens are single
    /// use: an app that persists tokens must save the new pair here, or its saved refresh token goes stale.
    /// </summary>
    public event EventHandler<TokenPair?>? TokensChanged;

    /// <summary>The current tokens; null when signed out. Set it to resume a saved session.</summary>
    public TokenPair? Tokens
    {
        get => Volatile.Read(ref tokens);
        set
        {
            Interlocked.Exchange(ref tokens, value);
            TokensChanged?.Invoke(this, value);
        }
    }

    /// <summary>Held while a refresh runs; a semaphore because the refresh awaits.</summary>
    internal SemaphoreSlim RefreshGate { get; } = new(1, 1);

    /// <summary>Replaces the tokens only if they are still <paramref name="expected"/> (nobody signed in meanwhile).</summary>
    internal bool TryReplace(TokenPair? expected, TokenPair? next)
    {
        if (!ReferenceEquals(Interlocked.CompareExchange(ref tokens, next, expected), expected))
        {
            return false;
        }

        TokensChanged?.Invoke(this, next);
        return true;
    }
}
