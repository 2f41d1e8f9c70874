namespace Payout.Api.Domain.Rates;

public enum ConsensusOutcome
{
    /// <summary>Enough fresh observations agree: the pair has a rate.</summary>
    Agreed,

    /// <summary>Fewer fresh observations than the rules ask for: the exchanges are down, slow or do not list the pair.</summary>
    TooFewFresh,

    /// <summary>Enough fresh observations, but too few within the band of their median.</summary>
    Disagreeing,
}
