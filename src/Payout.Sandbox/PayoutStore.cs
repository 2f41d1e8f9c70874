using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Payout.Sandbox;

/// <summary>How the store answered a create request.</summary>
internal enum CreateResult
{
    /// <summary>Answer <see cref="CreateOutcome.Payout"/> now (new, or the same request again).</summary>
    Answer,

    /// <summary>Recorded; answer <see cref="CreateOutcome.Payout"/> only after hanging (the "lost response" card).</summary>
    AnswerAfterHang,

    /// <summary>The Idempotency-Key was used before with another body.</summary>
    KeyReused,

    /// <summary>The payoutId was used before under another Idempotency-Key.</summary>
    PayoutIdReused,

    /// <summary>Answer 503; nothing was recorded (the "transient" card).</summary>
    Unavailable,

    /// <summary>Hang, then abort the connection; nothing was recorded (the "no answer" card).</summary>
    NoAnswer,
}

internal readonly record struct CreateOutcome(CreateResult Result, SandboxPayout? Payout = null);

/// <summary>
/// Every payout the network knows, in memory. Decisions that read and write (create, settle) take one lock:
/// the sandbox is not about throughput, and one lock makes "paid at most once" easy to see. Readers need no lock
/// because records are immutable and swapped whole.
/// </summary>
internal sealed class PayoutStore(TimeProvider time, IOptions<SandboxOptions> options, SandboxJobs jobs)
{
    private readonly Lock gate = new();
    private readonly ConcurrentDictionary<string, SandboxPayout> payouts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> payoutIdByKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> attemptsByKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> transientAttempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> unanswered = new(StringComparer.Ordinal);

    public CreateOutcome Create(string idempotencyKey, NewPayout request)
    {
        lock (gate)
        {
            attemptsByKey.AddOrUpdate(idempotencyKey, 1, (_, n) => n + 1);
            if (payoutIdByKey.TryGetValue(idempotencyKey, out var knownId))
            {
                var known = payouts[knownId];
                return known.RequestFingerprint == request.Fingerprint
                    ? new(CreateResult.Answer, known)
                    : new(CreateResult.KeyReused);
            }

            if (payouts.ContainsKey(request.PayoutId))
            {
                return new(CreateResult.PayoutIdReused);
            }

            switch (request.Behaviour)
            {
                case CardBehaviour.Transient when CountTransientAttempt(request.PayoutId) <= options.Value.TransientFailures:
                    return new(CreateResult.Unavailable);
                case CardBehaviour.NoAnswer:
                    // Remembered only so that status queries for this payoutId hang too.
                    unanswered[request.PayoutId] = true;
                    return new(CreateResult.NoAnswer);
            }

            return Record(idempotencyKey, request);
        }
    }

    public SandboxPayout? Find(string payoutId) => payouts.GetValueOrDefault(payoutId);

    public bool IsUnanswered(string payoutId) => unanswered.ContainsKey(payoutId);

    public IReadOnlyList<(SandboxPayout Payout, int CreateAttempts)> All() =>
        [.. payouts.Values
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.PayoutId, StringComparer.Ordinal)
            .Select(p => (p, attemptsByKey.GetValueOrDefault(p.IdempotencyKey)))];

    /// <summary>PENDING → final; null when the payout is unknown or no longer pending (never pays twice).</summary>
    public SandboxPayout? Settle(string payoutId) =>
        Update(payoutId, p => p.Status == PayoutStatus.Pending ? p.Settle(time.GetUtcNow()) : null);

    public SandboxPayout? CountCallbackAttempt(string payoutId) =>
        Update(payoutId, p => p with { CallbackAttempts = p.CallbackAttempts + 1 });

    public void MarkCallbackDelivered(string payoutId) =>
        Update(payoutId, p => p with { CallbackDelivered = true });

    private CreateOutcome Record(string idempotencyKey, NewPayout request)
    {
        var now = time.GetUtcNow();
        var payout = SandboxPayout.Open(idempotencyKey, request, now);
        payouts[payout.PayoutId] = payout;
        payoutIdByKey[idempotencyKey] = payout.PayoutId;
        if (payout.Status == PayoutStatus.Pending)
        {
            jobs.Schedule(new SettleJob(payout.PayoutId, now.AddSeconds(options.Value.PendingDelaySeconds)));
        }

        return new(request.Behaviour == CardBehaviour.LostResponse ? CreateResult.AnswerAfterHang : CreateResult.Answer, payout);
    }

    private int CountTransientAttempt(string payoutId) => transientAttempts.AddOrUpdate(payoutId, 1, (_, n) => n + 1);

    private SandboxPayout? Update(string payoutId, Func<SandboxPayout, SandboxPayout?> change)
    {
        lock (gate)
        {
            if (!payouts.TryGetValue(payoutId, out var current) || change(current) is not { } changed)
            {
                return null;
            }

            payouts[payoutId] = changed;
            return changed;
        }
    }
}
