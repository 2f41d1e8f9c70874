namespace Payout.Api.Domain.Pricing;

/// <summary>Fee line codes as shown in <c>feeInfo[].type</c>, and their labels (<c>feeInfo[].name</c>), as in Vault's example (spec §7).</summary>
public static class FeeTypes
{
    public const string TransactionFee = "TRANSACTION_FEE";
    public const string NetworkFee = "CRYPTERIUM_GAS";
    public const string AdditionalFee = "ADDITIONAL_FEE";
    public const string PartnerFee = "PARTNER_FEE";

    public const string TransactionFeeName = "Transaction fee";
    public const string NetworkFeeName = "Crypterium GAS";
    public const string AdditionalFeeName = "Additional fee";
    public const string PartnerFeeName = "Partner fee";
}
