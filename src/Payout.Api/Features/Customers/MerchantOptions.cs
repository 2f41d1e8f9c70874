namespace Payout.Api.Features.Customers;

/// <summary>One merchant (partner) of section <c>Merchants</c>: <c>Merchants:0:Id</c>, <c>Merchants:0:Name</c>.</summary>
public sealed class MerchantOptions
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";
}
