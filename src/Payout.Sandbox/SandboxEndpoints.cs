using Microsoft.Extensions.Options;

namespace Payout.Sandbox;

/// <summary>The request handlers. Routes, auth and the outage switch are in <see cref="SandboxSetup.MapPayoutSandbox"/>.</summary>
internal static class SandboxEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static async Task<IResult> CreatePayoutAsync(
        HttpContext http, PayoutStore store, TimeProvider time, IOptions<SandboxOptions> options)
    {
        var key = http.Request.Headers[IdempotencyKeyHeader].ToString();
        if (!IsValidIdempotencyKey(key))
        {
            return SandboxResults.Validation($"The {IdempotencyKeyHeader} header is required: 1 to 100 visible ASCII characters.");
        }

        var (request, error) = await SandboxJson.ReadAsync<CreatePayoutRequest>(http.Request);
        if (request is null)
        {
            return error!;
        }

        if (request.Problem() is { } problem)
        {
            return SandboxResults.Validation(problem);
        }

        var outcome = store.Create(key, request.ToNewPayout(options.Value.DefaultCallbackUri));
        return outcome.Result switch
        {
            CreateResult.Answer => SandboxResults.Ok(PayoutResponse.From(outcome.Payout!)),
            CreateResult.AnswerAfterHang => await AnswerAfterHangAsync(http, time, options.Value, outcome.Payout!),
            CreateResult.KeyReused => SandboxResults.Error(StatusCodes.Status409Conflict, "IDEMPOTENCY_KEY_REUSED",
                "This Idempotency-Key was used with a different body."),
            CreateResult.PayoutIdReused => SandboxResults.Error(StatusCodes.Status409Conflict, "PAYOUT_ID_REUSED",
                "This payoutId was already created under another Idempotency-Key."),
            CreateResult.Unavailable => SandboxResults.Unavailable(),
            CreateResult.NoAnswer => await NoAnswerAsync(http, time, options.Value),
        };
    }

    public static async Task<IResult> GetPayoutAsync(
        string payoutId, HttpContext http, PayoutStore store, TimeProvider time, IOptions<SandboxOptions> options)
    {
        if (store.IsUnanswered(payoutId))
        {
            return await NoAnswerAsync(http, time, options.Value);
        }

        return store.Find(payoutId) is { } payout
            ? SandboxResults.Ok(PayoutResponse.From(payout))
            : SandboxResults.Error(StatusCodes.Status404NotFound, "PAYOUT_NOT_FOUND", "The network never received this payout.");
    }

    public static async Task<IResult> CheckEligibilityAsync(HttpContext http)
    {
        var (request, error) = await SandboxJson.ReadAsync<EligibilityRequest>(http.Request);
        if (request is null)
        {
            return error!;
        }

        if (!SandboxCards.IsWellFormed(request.CardNumber))
        {
            return SandboxResults.Validation("cardNumber must be a string of 12 to 19 digits with a valid check digit.");
        }

        // The no-answer card is eligible: it must be addable, so that its payouts can go unanswered.
        return SandboxCards.BehaviourOf(request.CardNumber!) switch
        {
            CardBehaviour.NotEligible => SandboxResults.Ok(new EligibilityResponse(false, DeclineReasons.NotEligible)),
            _ => SandboxResults.Ok(new EligibilityResponse(true, null)),
        };
    }

    public static IResult ListPayouts(PayoutStore store) =>
        SandboxResults.Ok(new AdminPayoutsResponse([.. store.All().Select(e => AdminPayoutResponse.From(e.Payout, e.CreateAttempts))]));

    public static async Task<IResult> StartOutageAsync(HttpContext http, Outage outage)
    {
        var (request, error) = await SandboxJson.ReadAsync<OutageRequest>(http.Request);
        if (request is null)
        {
            return error!;
        }

        return request.Seconds is >= 1 and <= 86_400
            ? SandboxResults.Ok(new OutageResponse(outage.Start(TimeSpan.FromSeconds(request.Seconds.Value))))
            : SandboxResults.Validation("seconds must be a whole number from 1 to 86400.");
    }

    public static IResult EndOutage(Outage outage)
    {
        outage.End();
        return Results.NoContent();
    }

    private static bool IsValidIdempotencyKey(string key) =>
        key.Length is >= 1 and <= 100 && key.All(c => c is >= '!' and <= '~');

    /// <summary>The "lost response" card: the payout is already recorded, but the caller waits (and usually times out).</summary>
    private static async Task<IResult> AnswerAfterHangAsync(HttpContext http, TimeProvider time, SandboxOptions options, SandboxPayout payout)
    {
        await HangAsync(http, time, options);
        if (http.RequestAborted.IsCancellationRequested)
        {
            // A caller that gave up gets nothing. Over a socket the answer would be lost anyway, but an in-memory test
            // server can still hand it over when it races the caller's timeout (seen once as a SUCCESS the test did not expect).
            http.Abort();
            return Results.Empty;
        }

        return SandboxResults.Ok(PayoutResponse.From(payout));
    }

    /// <summary>The "no answer" card: wait, then drop the connection without a response.</summary>
    private static async Task<IResult> NoAnswerAsync(HttpContext http, TimeProvider time, SandboxOptions options)
    {
        await HangAsync(http, time, options);
        http.Abort();
        return Results.Empty;
    }

    private static async Task HangAsync(HttpContext http, TimeProvider time, SandboxOptions options)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(options.HangSeconds), time, http.RequestAborted);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The caller gave up first, which is what these cards are for.
        }
    }
}
