using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using SpeakerHub.Cloud.Abstractions.Commerce;
using SpeakerHub.Cloud.Grains.Storage;

namespace SpeakerHub.Cloud.Grains.Commerce;

/// <summary>One movement of money the ledger is asked to record.</summary>
/// <param name="IdempotencyKey">Unique across the ledger; the caller scopes it (e.g. per owner).</param>
/// <param name="RequireFunds">The debit account may not go below zero (wallets).</param>
/// <param name="DailyLimit">When set, today's debits of this kind from the debit account may not exceed it.</param>
/// <param name="RefundOf">For a refund: the payment it gives back; refunds never exceed it.</param>
public sealed record Posting(
    string IdempotencyKey,
    LedgerTransactionKind Kind,
    string Debit,
    string Credit,
    long Amount,
    string? Reference = null,
    bool RequireFunds = false,
    long? DailyLimit = null,
    DateTimeOffset? DayStart = null,
    string? RefundOf = null);

public enum PostingStatus
{
    Posted,

    /// <summary>The idempotency key was posted before with the same accounts and amount: nothing moved now.</summary>
    Replayed,

    InsufficientFunds,
    OverDailyLimit,

    /// <summary>A refund larger than what is left of its payment.</summary>
    OverRefundable,

    /// <summary>The idempotency key was posted before for different accounts, amount or reference.</summary>
    KeyReused,
}

/// <summary>What a posting did; balances are both accounts' after it (or now, for a replay or refusal).</summary>
public sealed record PostingResult(
    PostingStatus Status,
    string? TransactionId,
    DateTimeOffset? At,
    long DebitBalance,
    long CreditBalance)
{
    public bool Moved => Status is PostingStatus.Posted or PostingStatus.Replayed;
}

/// <summary>A recorded transaction.</summary>
public sealed record LedgerTransaction(
    string TransactionId,
    string IdempotencyKey,
    LedgerTransactionKind Kind,
    long Amount,
    string Debit,
    string Credit,
    string? Reference,
    string? RefundOf,
    DateTimeOffset At);

/// <summary>The books' health: all entries sum to zero, each transaction balances, cached balances match entries.</summary>
public sealed record TrialBalance(long Transactions, long SumOfEntries, long SumOfBalances, long UnbalancedTransactions, long StaleBalances)
{
    public bool Balanced => SumOfEntries == 0 && SumOfBalances == 0 && UnbalancedTransactions == 0 && StaleBalances == 0;
}

/// <summary>
/// The double-entry ledger in relational tables (SQLite by default, PostgreSQL for a cluster). The
/// database, not any grain, is what makes money exactly-once: the idempotency key is a unique column,
/// a wallet's debit is a conditional update, and the transaction row, both entries and both balances
/// commit together or not at all.
/// </summary>
public sealed class Ledger : IDisposable
{
    private readonly ISqlDialect dialect;
    private readonly LedgerStatements statements;
    private readonly RelationalSchema schema;
    private readonly TimeProvider time;
    private readonly ILogger<Ledger> logger;

    public Ledger(ISqlDialect dialect, TimeProvider time, ILogger<Ledger> logger)
    {
        this.dialect = dialect;
        this.time = time;
        this.logger = logger;
        statements = new LedgerStatements(dialect);
        schema = new RelationalSchema(dialect, "The commerce ledger", statements.CreateTables);
    }

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (await schema.EnsureAsync(cancellationToken))
        {
            logger.LogInformation("The commerce ledger is ready");
        }
    }

    /// <summary>Records <paramref name="posting"/> once; a repeat of its key returns the first outcome.</summary>
    public async Task<PostingResult> PostAsync(Posting posting, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(posting.IdempotencyKey);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(posting.Amount);
        await EnsureSchemaAsync(cancellationToken);

        using var turn = await dialect.EnterWriteAsync(cancellationToken);
        await using var connection = await dialect.OpenConnectionAsync(cancellationToken);
        var existing = await FindAsync(connection, null, posting.IdempotencyKey, cancellationToken);
        if (existing is not null)
        {
            return await ReplayAsync(connection, posting, existing, cancellationToken);
        }

        var now = time.GetUtcNow();
        var transactionId = TransactionIds.Next(now);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        try
        {
            var refusal = await PostWithinAsync(connection, transaction, posting, transactionId, now, cancellationToken);
            if (refusal is not null)
            {
                await transaction.RollbackAsync(cancellationToken);
                return await ResultAsync(connection, refusal.Value, null, null, posting, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbException) when (!cancellationToken.IsCancellationRequested)
        {
            // Another process posted the same key between our look and our insert: the unique
            // constraint refused ours, so theirs is the one that counts.
            await transaction.RollbackAsync(CancellationToken.None);
            existing = await FindAsync(connection, null, posting.IdempotencyKey, cancellationToken);
            if (existing is null)
            {
                throw;
            }

            return await ReplayAsync(connection, posting, existing, cancellationToken);
        }

        return await ResultAsync(connection, PostingStatus.Posted, transactionId, now, posting, cancellationToken);
    }

    public async Task<LedgerTransaction?> FindAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await dialect.OpenConnectionAsync(cancellationToken);
        return await FindAsync(connection, null, idempotencyKey, cancellationToken);
    }

    public async Task<LedgerTransaction?> FindByIdAsync(string transactionId, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await dialect.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TransactionRow>(new CommandDefinition(
            LedgerStatements.FindById, new { TransactionId = transactionId }, cancellationToken: cancellationToken));
        return row?.ToTransaction();
    }

    /// <summary>The account's balance; zero for an account that never moved.</summary>
    public async Task<long> BalanceAsync(string account, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await dialect.OpenConnectionAsync(cancellationToken);
        return await BalanceAsync(connection, null, account, cancellationToken);
    }

    /// <summary>What left <paramref name="account"/> as <paramref name="kind"/> since <paramref name="since"/>.</summary>
    public async Task<long> DebitedSinceAsync(string account, LedgerTransactionKind kind, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await dialect.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            LedgerStatements.DebitedSince,
            new { Account = account, Kind = KindName(kind), SinceMs = since.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<StatementLine>> StatementAsync(string account, int limit, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await dialect.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<StatementRow>(new CommandDefinition(
            LedgerStatements.Statement, new { Account = account, Limit = limit }, cancellationToken: cancellationToken));
        return rows
            .Select(row => new StatementLine(
                row.TransactionId, ParseKind(row.Kind), row.Change, LedgerAccounts.Holder(row.Counterparty), row.Reference,
                DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAtMs)))
            .ToList();
    }

    /// <summary>Payments into and refunds out of <paramref name="merchantAccount"/> in [from, to).</summary>
    public async Task<(int Payments, long Gross, int Refunds, long Refunded, long Balance)> SettlementAsync(
        string merchantAccount, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await dialect.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<SettlementRow>(new CommandDefinition(
            LedgerStatements.Settlement,
            new { Account = merchantAccount, FromMs = from.ToUnixTimeMilliseconds(), ToMs = to.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken))).ToList();
        var payments = rows.FirstOrDefault(row => row.Kind == KindName(LedgerTransactionKind.Payment));
        var refunds = rows.FirstOrDefault(row => row.Kind == KindName(LedgerTransactionKind.Refund));
        var balance = await BalanceAsync(connection, null, merchantAccount, cancellationToken);
        return ((int)(payments?.Count ?? 0), payments?.Total ?? 0, (int)(refunds?.Count ?? 0), refunds?.Total ?? 0, balance);
    }

    /// <summary>Checks the books: what an auditor (and the chaos test) asks after anything happened.</summary>
    public async Task<TrialBalance> TrialBalanceAsync(CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await dialect.OpenConnectionAsync(cancellationToken);
        async Task<long> Scalar(string sql) =>
            await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, cancellationToken: cancellationToken));
        return new TrialBalance(
            await Scalar(LedgerStatements.TransactionCount),
            await Scalar(LedgerStatements.SumOfEntries),
            await Scalar(LedgerStatements.SumOfBalances),
            await Scalar(LedgerStatements.UnbalancedTransactions),
            await Scalar(LedgerStatements.StaleBalances));
    }

    public void Dispose() => schema.Dispose();

    internal static string KindName(LedgerTransactionKind kind) => kind switch
    {
        LedgerTransactionKind.TopUp => "top-up",
        LedgerTransactionKind.Payment => "payment",
        LedgerTransactionKind.Refund => "refund",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    internal static LedgerTransactionKind ParseKind(string kind) => kind switch
    {
        "top-up" => LedgerTransactionKind.TopUp,
        "payment" => LedgerTransactionKind.Payment,
        "refund" => LedgerTransactionKind.Refund,
        _ => throw new InvalidDataException($"The ledger holds an unknown transaction kind '{kind}'."),
    };

    // Inside the database transaction: every check that could refuse, then every write. Null when posted.
    private async Task<PostingStatus?> PostWithinAsync(
        DbConnection connection, DbTransaction transaction, Posting posting, string transactionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        foreach (var account in new[] { posting.Debit, posting.Credit })
        {
            await connection.ExecuteAsync(new CommandDefinition(
                statements.EnsureAccount, new { Account = account, NowMs = nowMs }, transaction, cancellationToken: cancellationToken));
        }

        if (posting.DailyLimit is { } limit)
        {
            var since = (posting.DayStart ?? new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero)).ToUnixTimeMilliseconds();
            var spent = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                LedgerStatements.DebitedSince,
                new { Account = posting.Debit, Kind = KindName(posting.Kind), SinceMs = since },
                transaction,
                cancellationToken: cancellationToken));
            if (spent + posting.Amount > limit)
            {
                return PostingStatus.OverDailyLimit;
            }
        }

        if (posting.RefundOf is { } paymentId)
        {
            var payment = await connection.QuerySingleOrDefaultAsync<TransactionRow>(new CommandDefinition(
                LedgerStatements.FindById, new { TransactionId = paymentId }, transaction, cancellationToken: cancellationToken));
            var refunded = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                LedgerStatements.RefundedOf, new { TransactionId = paymentId }, transaction, cancellationToken: cancellationToken));
            if (payment is null || refunded + posting.Amount > payment.Amount)
            {
                return PostingStatus.OverRefundable;
            }
        }

        var debited = await connection.ExecuteAsync(new CommandDefinition(
            posting.RequireFunds ? LedgerStatements.DebitCovered : LedgerStatements.Debit,
            new { Account = posting.Debit, posting.Amount },
            transaction,
            cancellationToken: cancellationToken));
        if (debited != 1)
        {
            return PostingStatus.InsufficientFunds;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            LedgerStatements.Credit, new { Account = posting.Credit, posting.Amount }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            LedgerStatements.InsertTransaction,
            new
            {
                TransactionId = transactionId,
                posting.IdempotencyKey,
                Kind = KindName(posting.Kind),
                posting.Amount,
                posting.Debit,
                posting.Credit,
                posting.Reference,
                posting.RefundOf,
                CreatedAtMs = nowMs,
            },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            LedgerStatements.InsertEntry,
            new[]
            {
                new { TransactionId = transactionId, Account = posting.Debit, Amount = -posting.Amount },
                new { TransactionId = transactionId, Account = posting.Credit, posting.Amount },
            },
            transaction,
            cancellationToken: cancellationToken));
        return null;
    }

    private async Task<PostingResult> ReplayAsync(DbConnection connection, Posting posting, LedgerTransaction existing, CancellationToken cancellationToken)
    {
        var same = existing.Kind == posting.Kind
            && existing.Amount == posting.Amount
            && existing.Debit == posting.Debit
            && existing.Credit == posting.Credit
            && existing.Reference == posting.Reference
            && existing.RefundOf == posting.RefundOf;
        if (!same)
        {
            logger.LogWarning("Idempotency key reused for a different movement (transaction {TransactionId})", existing.TransactionId);
        }

        return await ResultAsync(
            connection, same ? PostingStatus.Replayed : PostingStatus.KeyReused, existing.TransactionId, existing.At, posting, cancellationToken);
    }

    private static async Task<PostingResult> ResultAsync(
        DbConnection connection, PostingStatus status, string? transactionId, DateTimeOffset? at, Posting posting, CancellationToken cancellationToken) =>
        new(
            status,
            transactionId,
            at,
            await BalanceAsync(connection, null, posting.Debit, cancellationToken),
            await BalanceAsync(connection, null, posting.Credit, cancellationToken));

    private static async Task<long> BalanceAsync(DbConnection connection, DbTransaction? transaction, string account, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            LedgerStatements.Balance, new { Account = account }, transaction, cancellationToken: cancellationToken)) ?? 0;

    private static async Task<LedgerTransaction?> FindAsync(
        DbConnection connection, DbTransaction? transaction, string key, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<TransactionRow>(new CommandDefinition(
            LedgerStatements.FindByKey, new { Key = key }, transaction, cancellationToken: cancellationToken));
        return row?.ToTransaction();
    }

    private sealed class TransactionRow
    {
        public string TransactionId { get; set; } = string.Empty;

        public string IdempotencyKey { get; set; } = string.Empty;

        public string Kind { get; set; } = string.Empty;

        public long Amount { get; set; }

        public string Debit { get; set; } = string.Empty;

        public string Credit { get; set; } = string.Empty;

        public string? Reference { get; set; }

        public string? RefundOf { get; set; }

        public long CreatedAtMs { get; set; }

        public LedgerTransaction ToTransaction() => new(
            TransactionId, IdempotencyKey, ParseKind(Kind), Amount, Debit, Credit, Reference, RefundOf,
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs));
    }

    private sealed class StatementRow
    {
        public string TransactionId { get; set; } = string.Empty;

        public string Kind { get; set; } = string.Empty;

        public long Change { get; set; }

        public string Counterparty { get; set; } = string.Empty;

        public string? Reference { get; set; }

        public long CreatedAtMs { get; set; }
    }

    private sealed class SettlementRow
    {
        public string Kind { get; set; } = string.Empty;

        public long Count { get; set; }

        public long Total { get; set; }
    }
}
