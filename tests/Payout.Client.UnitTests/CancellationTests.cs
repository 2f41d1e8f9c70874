namespace Payout.Client.UnitTests;

public sealed class CancellationTests
{
    private static StubHandler NeverAnswers(TaskCompletionSource started) => new(async (_, cancellationToken) =>
    {
        started.TrySetResult();
        // A server that never answers is the scenario: only the caller's cancellation ends this wait.
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    });

    [Fact]
    public async Task Cancelled_while_waiting_throws_operation_canceled()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = TestClients.Payout(NeverAnswers(started));
        using var cancellation = new CancellationTokenSource();

        var call = client.ExecuteAsync(7, "pay-key-1", cancellation.Token);
        await started.Task;
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task Already_cancelled_sends_nothing()
    {
        var stub = StubHandler.InTurn(() => Answers.Json(SpecJson.Data));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TestClients.Payout(stub).GetDataAsync(new CancellationToken(canceled: true)));

        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task Cancelled_during_sign_in_keeps_no_tokens()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = TestClients.SignedOut(NeverAnswers(started));
        using var cancellation = new CancellationTokenSource();

        var call = client.SignInAsync("+447871239999", "1234Qwerty", cancellation.Token);
        await started.Task;
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Null(client.Tokens);
    }
}
