namespace Payout.Api.Features.Customers;

public sealed record CustomerResponse(long CustomerId, Guid MerchantId, string Phone, string KycLevel)
{
    public static CustomerResponse From(Customer customer) =>
        new(customer.Id, customer.MerchantId, customer.Phone, customer.KycLevel.ToString());
}
