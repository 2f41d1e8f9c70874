namespace Payout.IntegrationTests.Hostile;

public enum Expectation
{
    /// <summary>The request is wrong: it must be answered 4xx with the error body.</summary>
    Refused,

    /// <summary>The request may be fine (an injection string is just text): any answer but a 5xx; an error has the error body.</summary>
    Tolerated,
}
