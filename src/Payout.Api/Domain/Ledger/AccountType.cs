namespace Payout.Api.Domain.Ledger;

/// <summary>The kinds of ledger account (spec §10). Only customer wallets must never go below zero.</summary>
public enum AccountType
{
    /// <summary>A customer's balance in one currency.</summary>
    CustomerWallet = 1,

    /// <summary>Money that came in from outside (a blockchain deposit); its balance is minus all deposits.</summary>
    Deposits = 2,

    /// <summary>Debited from wallets at execute, waiting for the payout network's final answer.</summary>
    PayoutsInFlight = 3,

    /// <summary>Amounts of payouts the network confirmed as paid.</summary>
    SettledPayouts = 4,

    /// <summary>Our fees from settled payouts.</summary>
    FeeRevenue = 5,

    /// <summary>The partner's share of fees from settled payouts.</summary>
    PartnerRevenue = 6,

    /// <summary>Our fiat pre-funded at the payout network; it cannot go below zero either.</summary>
    NetworkFloat = 7,

    /// <summary>Fiat reserved from the float for payouts the network has not finished.</summary>
    FiatInFlight = 8,

    /// <summary>Fiat the network paid to cards.</summary>
    FiatPaidOut = 9,
}
