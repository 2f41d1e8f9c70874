using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Payout.Api.Domain;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Customers;

/// <summary>Creates customers and changes their KYC level; shared by the operator API and the demo seed.</summary>
public sealed class CustomerRegistry(
    PayoutDbContext db, MerchantDirectory merchants, IPasswordHasher<Customer> hasher, CustomerCache cache, TimeProvider clock)
{
    public async Task<(Customer? Customer, ApiError? Error)> CreateAsync(
        Guid merchantId, string phone, string password, KycLevel kycLevel, CancellationToken cancellationToken)
    {
        if (!merchants.Exists(merchantId))
        {
            return (null, new ApiError(ErrorCode.MERCHANT_NOT_FOUND, "No such merchant.", "merchantId"));
        }

        var now = clock.GetUtcNow();
        var customer = new Customer
        {
            MerchantId = merchantId,
            Phone = phone,
            PasswordHash = "",
            KycLevel = kycLevel,
            CreatedAt = now,
            UpdatedAt = now,
        };
        customer.PasswordHash = hasher.HashPassword(customer, password);
        db.Customers.Add(customer);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (customer, null);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            db.Entry(customer).State = EntityState.Detached;
            return (null, new ApiError(ErrorCode.CONFLICT, "A customer with this phone already exists at this merchant.", "phone"));
        }
    }

    public Task<Customer?> FindAsync(long customerId, CancellationToken cancellationToken) =>
        db.Customers.SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken);

    public async Task<Customer?> ChangeKycAsync(long customerId, KycLevel level, CancellationToken cancellationToken)
    {
        var customer = await FindAsync(customerId, cancellationToken);
        if (customer is null)
        {
            return null;
        }

        customer.KycLevel = level;
        customer.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate(customerId);
        return customer;
    }
}
