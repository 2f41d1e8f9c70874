using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Hostile;

/// <summary>
/// A signed-in customer and the resources of theirs an operation's path or body can name. Each operation is attacked
/// as its own actor, so what one operation's requests do (a sign-out, ten failed sign-ins, a full card list) never
/// changes what another operation's requests reach. <see cref="Session"/> is the actor's own console session, for
/// operations the console calls (a sign-out through it ends only that one).
/// </summary>
public sealed record Actor(TestCustomer Customer, TokenBody Token, long CardId, long OfferId, long OperationId, ConsoleSession? Session = null)
{
    /// <summary>An id no row has: paths that name it reach every check before the lookup, and then nothing.</summary>
    public const long Nobody = 8_000_000_001;
}
