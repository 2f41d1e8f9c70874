using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Payout.Api.Domain;
using Payout.Api.Domain.Errors;
using Payout.Api.Infrastructure.Events;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Customers;

/// <summary>
/// The customers: creates them and changes their KYC level (operator API, demo seed), and is the one place that
/// queries the customers table.
/// </summary>
public sealed class CustomerRegistry(
    PayoutDbContext db, MerchantDirectory merchants, IPasswordHasher<Customer> hasher, CustomerCache cache, MerchantEvents events,
    TimeProvider clock)
{
    private DbSet<Customer> Customers => db.Set<Customer>();

    public async Task<Result<Customer>> CreateAsync(
        Guid merchantId, string phone, string password, KycLevel kycLevel, CancellationToken cancellationToken)
    {
        if (!merchants.Exists(merchantId))
        {
            return new Failure(ErrorCode.MERCHANT_NOT_FOUND);
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
        Customers.Add(customer);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return customer;
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            db.Entry(customer).State = EntityState.Detached;
            return new Failure(ErrorCode.CONFLICT, "A customer with this phone already exists at this merchant.", "phone");
        }
    }

    public Task<Customer?> FindAsync(long customerId, CancellationToken cancellationToken) =>
        Customers.SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken);

    /// <summary>For the token check on every request: from this process's cache when it has the customer.</summary>
    public Task<CustomerCredentials?> FindCredentialsAsync(long customerId, CancellationToken cancellationToken) =>
        cache.GetAsync(customerId, LoadCredentialsAsync, cancellationToken);

    /// <summary>The customer who signs in with this number at this merchant.</summary>
    public Task<Customer?> FindByPhoneAsync(Guid merchantId, string phone, CancellationToken cancellationToken) =>
        Customers.SingleOrDefaultAsync(c => c.MerchantId == merchantId && c.Phone == phone, cancellationToken);

    /// <summary>Every customer with this phone, across merchants (a phone may be a customer at several).</summary>
    public Task<List<Customer>> ListByPhoneAsync(string phone, CancellationToken cancellationToken) =>
        Customers.AsNoTracking().Where(c => c.Phone == phone).OrderBy(c => c.Id).ToListAsync(cancellationToken);

    public Task<bool> AnyAsync(CancellationToken cancellationToken) => Customers.AnyAsync(cancellationToken);

    /// <summary>Changes the level under the customer's lock, with its merchant event; the same level again changes nothing.</summary>
    public async Task<Customer?> ChangeKycAsync(long customerId, KycLevel level, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockCustomerAsync(customerId, cancellationToken);
        var customer = await FindAsync(customerId, cancellationToken);
        if (customer is null || customer.KycLevel == level)
        {
            return customer;
        }

        var previous = customer.KycLevel;
        customer.KycLevel = level;
        customer.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await events.AppendAsync(
            MerchantEventType.KycLevelChanged, customerId, customerId, new KycLevelChange(customerId, level.ToString(), previous.ToString()), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        cache.Invalidate(customerId);
        return customer;
    }

    /// <summary>Sign-out and refresh-token reuse: every access token of the customer dies with its generation.</summary>
    public async Task BumpTokenGenerationAsync(long customerId, CancellationToken cancellationToken)
    {
        await Customers.Where(c => c.Id == customerId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.TokenGeneration, c => c.TokenGeneration + 1), cancellationToken);
        cache.Invalidate(customerId);
    }

    private Task<CustomerCredentials?> LoadCredentialsAsync(long customerId, CancellationToken cancellationToken) =>
        Customers.AsNoTracking()
            .Where(c => c.Id == customerId)
            .Select(c => new CustomerCredentials(c.Id, c.MerchantId, c.KycLevel, c.TokenGeneration))
            .SingleOrDefaultAsync(cancellationToken);
}
