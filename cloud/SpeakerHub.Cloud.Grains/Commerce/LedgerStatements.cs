using SpeakerHub.Cloud.Grains.Storage;

namespace SpeakerHub.Cloud.Grains.Commerce;

/// <summary>
/// The ledger's SQL. Double entry: every transaction posts exactly two entries that sum to zero, the
/// idempotency key is unique, and an account's cached balance moves in the same database transaction as
/// its entries. The text is plain SQL that SQLite and PostgreSQL both accept; only the binary-free
/// "insert unless present" comes from the dialect.
/// </summary>
internal sealed class LedgerStatements(ISqlDialect dialect)
{
    public string[] CreateTables { get; } =
    [
        """
        CREATE TABLE IF NOT EXISTS ledger_accounts (
            account_id    TEXT   NOT NULL PRIMARY KEY,
            balance       BIGINT NOT NULL,
            created_at_ms BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS ledger_transactions (
            transaction_id  TEXT   NOT NULL PRIMARY KEY,
            idempotency_key TEXT   NOT NULL UNIQUE,
            kind            TEXT   NOT NULL CHECK (kind IN ('top-up', 'payment', 'refund')),
            amount          BIGINT NOT NULL CHECK (amount > 0),
            debit_account   TEXT   NOT NULL REFERENCES ledger_accounts (account_id),
            credit_account  TEXT   NOT NULL REFERENCES ledger_accounts (account_id),
            reference       TEXT   NULL,
            refund_of       TEXT   NULL REFERENCES ledger_transactions (transaction_id),
            created_at_ms   BIGINT NOT NULL,
            CHECK (debit_account <> credit_account)
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS ledger_entries (
            transaction_id TEXT   NOT NULL REFERENCES ledger_transactions (transaction_id),
            account_id     TEXT   NOT NULL REFERENCES ledger_accounts (account_id),
            amount         BIGINT NOT NULL CHECK (amount <> 0),
            PRIMARY KEY (transaction_id, account_id)
        )
        """,
        "CREATE INDEX IF NOT EXISTS ledger_entries_by_account ON ledger_entries (account_id)",
        "CREATE INDEX IF NOT EXISTS ledger_transactions_by_debit ON ledger_transactions (debit_account, kind, created_at_ms)",
        "CREATE INDEX IF NOT EXISTS ledger_transactions_by_credit ON ledger_transactions (credit_account, kind, created_at_ms)",
        "CREATE INDEX IF NOT EXISTS ledger_transactions_by_refund_of ON ledger_transactions (refund_of)",
    ];

    public string EnsureAccount { get; } = dialect.InsertUnlessKeyExists(
        "INSERT INTO ledger_accounts (account_id, balance, created_at_ms) VALUES (@Account, 0, @NowMs)");

    public const string FindByKey = """
        SELECT transaction_id AS TransactionId, idempotency_key AS IdempotencyKey, kind AS Kind, amount AS Amount,
               debit_account AS Debit, credit_account AS Credit, reference AS Reference, refund_of AS RefundOf,
               created_at_ms AS CreatedAtMs
        FROM ledger_transactions WHERE idempotency_key = @Key
        """;

    public const string FindById = """
        SELECT transaction_id AS TransactionId, idempotency_key AS IdempotencyKey, kind AS Kind, amount AS Amount,
               debit_account AS Debit, credit_account AS Credit, reference AS Reference, refund_of AS RefundOf,
               created_at_ms AS CreatedAtMs
        FROM ledger_transactions WHERE transaction_id = @TransactionId
        """;

    public const string Balance = "SELECT balance FROM ledger_accounts WHERE account_id = @Account";

    /// <summary>Takes the money only if it is there; zero rows means it is not.</summary>
    public const string DebitCovered = "UPDATE ledger_accounts SET balance = balance - @Amount WHERE account_id = @Account AND balance >= @Amount";

    public const string Debit = "UPDATE ledger_accounts SET balance = balance - @Amount WHERE account_id = @Account";

    public const string Credit = "UPDATE ledger_accounts SET balance = balance + @Amount WHERE account_id = @Account";

    public const string DebitedSince = """
        SELECT COALESCE(SUM(amount), 0) FROM ledger_transactions
        WHERE debit_account = @Account AND kind = @Kind AND created_at_ms >= @SinceMs
        """;

    public const string RefundedOf = "SELECT COALESCE(SUM(amount), 0) FROM ledger_transactions WHERE refund_of = @TransactionId";

    public const string InsertTransaction = """
        INSERT INTO ledger_transactions
            (transaction_id, idempotency_key, kind, amount, debit_account, credit_account, reference, refund_of, created_at_ms)
        VALUES (@TransactionId, @IdempotencyKey, @Kind, @Amount, @Debit, @Credit, @Reference, @RefundOf, @CreatedAtMs)
        """;

    public const string InsertEntry = "INSERT INTO ledger_entries (transaction_id, account_id, amount) VALUES (@TransactionId, @Account, @Amount)";

    public const string Statement = """
        SELECT t.transaction_id AS TransactionId, t.kind AS Kind, e.amount AS Change,
               CASE WHEN t.debit_account = @Account THEN t.credit_account ELSE t.debit_account END AS Counterparty,
               t.reference AS Reference, t.created_at_ms AS CreatedAtMs
        FROM ledger_entries e JOIN ledger_transactions t ON t.transaction_id = e.transaction_id
        WHERE e.account_id = @Account
        ORDER BY t.created_at_ms DESC, t.transaction_id DESC
        LIMIT @Limit
        """;

    public const string Settlement = """
        SELECT kind AS Kind, COUNT(*) AS Count, COALESCE(SUM(amount), 0) AS Total FROM ledger_transactions
        WHERE ((kind = 'payment' AND credit_account = @Account) OR (kind = 'refund' AND debit_account = @Account))
          AND created_at_ms >= @FromMs AND created_at_ms < @ToMs
        GROUP BY kind
        """;

    public const string SumOfEntries = "SELECT COALESCE(SUM(amount), 0) FROM ledger_entries";

    public const string SumOfBalances = "SELECT COALESCE(SUM(balance), 0) FROM ledger_accounts";

    public const string UnbalancedTransactions = """
        SELECT COUNT(*) FROM (
            SELECT transaction_id FROM ledger_entries GROUP BY transaction_id HAVING SUM(amount) <> 0 OR COUNT(*) <> 2
        ) unbalanced
        """;

    public const string StaleBalances = """
        SELECT COUNT(*) FROM ledger_accounts a
        WHERE a.balance <> (SELECT COALESCE(SUM(e.amount), 0) FROM ledger_entries e WHERE e.account_id = a.account_id)
        """;

    public const string TransactionCount = "SELECT COUNT(*) FROM ledger_transactions";
}
