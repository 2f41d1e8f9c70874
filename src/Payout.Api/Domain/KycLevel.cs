namespace Payout.Api.Domain;

/// <summary>Know-your-customer levels, low to high (spec §3). The numeric order is the order of trust.</summary>
public enum KycLevel
{
    NONE = 0,
    KYC_0 = 1,
    KYC_1 = 2,
    KYC_2 = 3,
    KYC_3 = 4,
}
