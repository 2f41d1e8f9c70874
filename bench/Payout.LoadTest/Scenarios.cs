namespace Payout.LoadTest;

/// <summary>The phases: what each closed-loop client does, over and over.</summary>
internal static class Scenarios
{
    public const string Flow = "flow";
    public const string Data = "data";
    public const string Offers = "offers";
    public const string History = "history";
    public const string Health = "health";
    public const string Reference = "reference";

    /// <summary>(a) Quote then execute, as an app does: offer → pay, each client on its own customers.</summary>
    public static PhaseSpec FlowPhase(IReadOnlyList<LoadCustomer> customers, int clients) =>
        new(Flow, clients, async worker =>
        {
            var customer = NextCustomer(customers, clients, worker);
            var (status, body) = await worker.SendAsync("offer", PayoutApi.Post("v4/payout/offer", customer.Bearer, customer.OfferBody));
            if (status is < 200 or > 299 || PayoutApi.ScalarField(body, "offerId") is not { } offerId)
            {
                return;
            }

            (status, body) = await worker.SendAsync("pay", PayoutApi.Post("v4/payout/pay/" + offerId, customer.Bearer, null));
            if (status is >= 200 and <= 299)
            {
                worker.Recorder.Tag("pay " + (PayoutApi.ScalarField(body, "status") ?? "?"));
            }
        });

    /// <summary>(b) <c>GET /v4/payout/data</c> of one customer.</summary>
    public static PhaseSpec DataPhase(LoadCustomer customer, int clients) =>
        new(Data, clients, async worker => await worker.SendAsync("data", PayoutApi.Get("v4/payout/data", customer.Bearer)));

    /// <summary>(c) Quotes only.</summary>
    public static PhaseSpec OffersPhase(IReadOnlyList<LoadCustomer> customers, int clients) =>
        new(Offers, clients, async worker =>
        {
            var customer = NextCustomer(customers, clients, worker);
            await worker.SendAsync("offer", PayoutApi.Post("v4/payout/offer", customer.Bearer, customer.OfferBody));
        });

    /// <summary>(d) The first page (50) of a customer's history, over every customer.</summary>
    public static PhaseSpec HistoryPhase(IReadOnlyList<LoadCustomer> customers, int clients) =>
        new(History, clients, async worker =>
        {
            var customer = NextCustomer(customers, clients, worker);
            await worker.SendAsync("history", PayoutApi.Get("v4/payout/history", customer.Bearer));
        });

    /// <summary>(e) Liveness: the pipeline without authentication or the database.</summary>
    public static PhaseSpec HealthPhase(int clients) =>
        new(Health, clients, async worker => await worker.SendAsync("live", PayoutApi.Get("health/live", null)));

    /// <summary>The bare Kestrel reference app's JSON endpoint.</summary>
    public static PhaseSpec ReferencePhase(int clients) =>
        new(Reference, clients, async worker => await worker.SendAsync("json", PayoutApi.Get("json", null)));

    /// <summary>
    /// Client i takes customers i, i + clients, i + 2·clients, … in turn, so no two clients work on one customer
    /// at a time (as in life) unless there are fewer customers than clients.
    /// </summary>
    private static LoadCustomer NextCustomer(IReadOnlyList<LoadCustomer> customers, int clients, Worker worker)
    {
        var own = Math.Max(1, (customers.Count - worker.Index % customers.Count + clients - 1) / clients);
        var turn = worker.NextTurn() % own;
        return customers[(worker.Index % customers.Count + turn * clients) % customers.Count];
    }
}
