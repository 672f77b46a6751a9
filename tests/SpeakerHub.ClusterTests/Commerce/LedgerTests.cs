using Microsoft.Extensions.Logging.Abstractions;
using SpeakerHub.Cloud.Abstractions.Commerce;
using SpeakerHub.Cloud.Grains.Commerce;
using SpeakerHub.Cloud.Grains.Storage;
using SpeakerHub.ClusterTests.Storage;
using Xunit;

namespace SpeakerHub.ClusterTests.Commerce;

/// <summary>The double-entry ledger on a real SQLite file: exactly-once movements and books that always balance.</summary>
public sealed class LedgerTests : IDisposable
{
    private const string Wallet = "wallet:ann";
    private const string Shop = "merchant:burger-barn";

    private readonly TemporarySqliteDatabase database = new();
    private readonly Ledger ledger;

    public LedgerTests()
    {
        ledger = new Ledger(
            SqlDialects.Create(new RelationalStorageOptions { ConnectionString = database.ConnectionString }),
            TimeProvider.System,
            NullLogger<Ledger>.Instance);
    }

    [Fact]
    public async Task A_top_up_moves_money_from_outside_into_the_wallet_and_the_books_balance()
    {
        var result = await ledger.PostAsync(TopUp("t1", 50_00));

        Assert.Equal(PostingStatus.Posted, result.Status);
        Assert.Equal(50_00, await ledger.BalanceAsync(Wallet));
        Assert.Equal(-50_00, await ledger.BalanceAsync(LedgerAccounts.TopUpSource));
        Assert.True((await ledger.TrialBalanceAsync()).Balanced);
    }

    [Fact]
    public async Task Posting_the_same_key_again_moves_nothing_and_returns_the_first_transaction()
    {
        var first = await ledger.PostAsync(TopUp("t1", 20_00));

        var again = await ledger.PostAsync(TopUp("t1", 20_00));

        Assert.Equal((PostingStatus.Replayed, first.TransactionId), (again.Status, again.TransactionId));
        Assert.Equal(20_00, await ledger.BalanceAsync(Wallet));
        Assert.Equal(1, (await ledger.TrialBalanceAsync()).Transactions);
    }

    [Fact]
    public async Task A_key_reused_for_a_different_amount_is_refused_and_moves_nothing()
    {
        await ledger.PostAsync(TopUp("t1", 20_00));

        var reused = await ledger.PostAsync(TopUp("t1", 99_00));

        Assert.Equal(PostingStatus.KeyReused, reused.Status);
        Assert.Equal(20_00, await ledger.BalanceAsync(Wallet));
    }

    [Fact]
    public async Task Many_concurrent_deliveries_of_one_payment_charge_it_exactly_once()
    {
        await ledger.PostAsync(TopUp("t1", 100_00));
        var payment = Payment("p1", 7_50);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => ledger.PostAsync(payment))));

        Assert.Single(results, result => result.Status == PostingStatus.Posted);
        Assert.All(results, result => Assert.Equal(results[0].TransactionId, result.TransactionId));
        Assert.Equal(92_50, await ledger.BalanceAsync(Wallet));
        Assert.Equal(7_50, await ledger.BalanceAsync(Shop));
    }

    [Fact]
    public async Task A_wallet_cannot_pay_more_than_it_holds_and_a_refused_payment_leaves_no_trace()
    {
        await ledger.PostAsync(TopUp("t1", 10_00));

        var refused = await ledger.PostAsync(Payment("p1", 10_01));

        Assert.Equal(PostingStatus.InsufficientFunds, refused.Status);
        Assert.Null(await ledger.FindAsync("p1"));
        Assert.Equal((10_00L, 0L), (await ledger.BalanceAsync(Wallet), await ledger.BalanceAsync(Shop)));
    }

    [Fact]
    public async Task Payments_of_one_day_stop_at_the_daily_limit()
    {
        await ledger.PostAsync(TopUp("t1", 100_00));

        var first = await ledger.PostAsync(Payment("p1", 30_00) with { DailyLimit = 50_00 });
        var second = await ledger.PostAsync(Payment("p2", 30_00) with { DailyLimit = 50_00 });
        var small = await ledger.PostAsync(Payment("p3", 20_00) with { DailyLimit = 50_00 });

        Assert.Equal(
            [PostingStatus.Posted, PostingStatus.OverDailyLimit, PostingStatus.Posted],
            new[] { first.Status, second.Status, small.Status });
    }

    [Fact]
    public async Task Refunds_of_a_payment_never_add_up_to_more_than_it()
    {
        await ledger.PostAsync(TopUp("t1", 100_00));
        var paid = await ledger.PostAsync(Payment("p1", 12_00));

        var part = await ledger.PostAsync(Refund("r1", paid.TransactionId!, 5_00));
        var tooMuch = await ledger.PostAsync(Refund("r2", paid.TransactionId!, 7_01));
        var rest = await ledger.PostAsync(Refund("r3", paid.TransactionId!, 7_00));

        Assert.Equal(
            [PostingStatus.Posted, PostingStatus.OverRefundable, PostingStatus.Posted],
            new[] { part.Status, tooMuch.Status, rest.Status });
        Assert.Equal((100_00L, 0L), (await ledger.BalanceAsync(Wallet), await ledger.BalanceAsync(Shop)));
        Assert.True((await ledger.TrialBalanceAsync()).Balanced);
    }

    [Fact]
    public async Task A_statement_lists_each_movement_once_newest_first_with_the_other_side_named()
    {
        await ledger.PostAsync(TopUp("t1", 40_00));
        var paid = await ledger.PostAsync(Payment("p1", 15_00));
        await ledger.PostAsync(Refund("r1", paid.TransactionId!, 5_00));

        var lines = await ledger.StatementAsync(Wallet, 10);

        Assert.Equal(
            [(LedgerTransactionKind.Refund, 5_00L, "burger-barn"), (LedgerTransactionKind.Payment, -15_00L, "burger-barn"), (LedgerTransactionKind.TopUp, 40_00L, "top-ups")],
            lines.Select(line => (line.Kind, line.Change, line.Counterparty)).ToArray());
    }

    [Fact]
    public async Task The_settlement_counts_a_merchants_payments_and_refunds_in_the_period()
    {
        await ledger.PostAsync(TopUp("t1", 100_00));
        var first = await ledger.PostAsync(Payment("p1", 10_00));
        await ledger.PostAsync(Payment("p2", 20_00));
        await ledger.PostAsync(Refund("r1", first.TransactionId!, 4_00));
        var now = DateTimeOffset.UtcNow;

        var report = await ledger.SettlementAsync(Shop, now.AddHours(-1), now.AddHours(1));

        Assert.Equal((2, 30_00L, 1, 4_00L, 26_00L), report);
    }

    public void Dispose()
    {
        ledger.Dispose();
        database.Dispose();
    }

    private static Posting TopUp(string key, long amount) =>
        new(key, LedgerTransactionKind.TopUp, LedgerAccounts.TopUpSource, Wallet, amount);

    private static Posting Payment(string key, long amount) =>
        new(key, LedgerTransactionKind.Payment, Wallet, Shop, amount, "order-1", RequireFunds: true);

    private static Posting Refund(string key, string paymentId, long amount) =>
        new(key, LedgerTransactionKind.Refund, Shop, Wallet, amount, "order-1", RefundOf: paymentId);
}
