using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using SpeakerHub.Cloud.Abstractions.Accounts;
using SpeakerHub.Cloud.Abstractions.Commerce;
using SpeakerHub.Cloud.Grains.Commerce;
using Xunit;

namespace SpeakerHub.ClusterTests.Commerce;

[Collection(CommerceClusterCollection.Name)]
public sealed class WalletGrainTests(CommerceClusterFixture fixture)
{
    private const string Merchant = "burger-barn";

    [Fact]
    public async Task A_payment_with_the_right_pin_moves_the_money_to_the_merchant()
    {
        var owner = await fixture.OwnerWithWalletAsync(40_00);

        var result = await Wallet(owner).Pay(Payment("order-1", 12_50, "4321"));

        Assert.Equal((PaymentOutcome.Charged, 27_50L, false), (result.Outcome, result.Balance, result.Replayed));
        var summary = await Wallet(owner).GetSummary();
        Assert.Equal((27_50L, 12_50L), (summary.Balance, summary.SpentToday));
    }

    [Fact]
    public async Task A_duplicated_payment_is_charged_once_and_every_delivery_gets_the_same_receipt()
    {
        var owner = await fixture.OwnerWithWalletAsync(40_00);
        var payment = Payment("order-1", 10_00, "4321");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Wallet(owner).Pay(payment)));

        Assert.All(results, result => Assert.Equal((PaymentOutcome.Charged, results[0].TransactionId), (result.Outcome, result.TransactionId)));
        Assert.Single(results, result => !result.Replayed);
        Assert.Equal(30_00, (await Wallet(owner).GetSummary()).Balance);
    }

    [Fact]
    public async Task A_retry_of_a_payment_that_went_through_is_not_a_pin_try_even_with_a_wrong_pin()
    {
        var owner = await fixture.OwnerWithWalletAsync(40_00);
        await Wallet(owner).Pay(Payment("order-1", 10_00, "4321"));

        var retried = await Wallet(owner).Pay(Payment("order-1", 10_00, "0000"));

        Assert.Equal((PaymentOutcome.Charged, true, CommerceClusterFixture.PinAttempts), (retried.Outcome, retried.Replayed, retried.AttemptsLeft));
    }

    [Fact]
    public async Task The_same_idempotency_key_for_a_different_amount_is_refused_as_a_conflict()
    {
        var owner = await fixture.OwnerWithWalletAsync(40_00);
        await Wallet(owner).Pay(Payment("order-1", 10_00, "4321"));

        var conflict = await Assert.ThrowsAsync<CommerceRejectedException>(() => Wallet(owner).Pay(Payment("order-1", 11_00, "4321")));

        Assert.True(conflict.IsConflict);
        Assert.Equal(30_00, (await Wallet(owner).GetSummary()).Balance);
    }

    [Fact]
    public async Task Three_wrong_pins_lock_payments_and_the_lock_ends_after_the_lockout()
    {
        var owner = await fixture.OwnerWithWalletAsync(40_00);

        var first = await Wallet(owner).Pay(Payment("a", 1_00, "1111"));
        var second = await Wallet(owner).Pay(Payment("b", 1_00, "2222"));
        var third = await Wallet(owner).Pay(Payment("c", 1_00, "3333"));
        var rightButLocked = await Wallet(owner).Pay(Payment("d", 1_00, "4321"));

        Assert.Equal(
            [(PaymentOutcome.WrongPin, 2), (PaymentOutcome.WrongPin, 1), (PaymentOutcome.Locked, 0)],
            new[] { (first.Outcome, first.AttemptsLeft), (second.Outcome, second.AttemptsLeft), (third.Outcome, third.AttemptsLeft) });
        Assert.Equal(PaymentOutcome.Locked, rightButLocked.Outcome);
        Assert.NotNull(rightButLocked.LockedUntil);
        Assert.Equal(40_00, (await Wallet(owner).GetSummary()).Balance);

        await Task.Delay(CommerceClusterFixture.PinLockout + TimeSpan.FromMilliseconds(200));
        var afterLock = await Wallet(owner).Pay(Payment("e", 1_00, "4321"));

        Assert.Equal(PaymentOutcome.Charged, afterLock.Outcome);
    }

    [Fact]
    public async Task A_right_pin_resets_the_count_of_wrong_ones()
    {
        var owner = await fixture.OwnerWithWalletAsync(40_00);
        await Wallet(owner).Pay(Payment("a", 1_00, "1111"));
        await Wallet(owner).Pay(Payment("b", 1_00, "2222"));
        await Wallet(owner).Pay(Payment("c", 1_00, "4321"));

        var wrongAgain = await Wallet(owner).Pay(Payment("d", 1_00, "1111"));

        Assert.Equal((PaymentOutcome.WrongPin, 2), (wrongAgain.Outcome, wrongAgain.AttemptsLeft));
    }

    [Fact]
    public async Task Without_a_pin_voice_payments_are_off()
    {
        var ownerId = OwnerApiKey.NewOwnerId();
        await fixture.Client.GetOwner(ownerId).Create("No PIN");
        await Wallet(ownerId).TopUp("t", 10_00);

        var result = await Wallet(ownerId).Pay(Payment("order-1", 1_00, "0000"));

        Assert.Equal(PaymentOutcome.PinNotSet, result.Outcome);
    }

    [Fact]
    public async Task Payments_above_the_payment_limit_or_past_the_daily_limit_are_refused_without_charging()
    {
        var owner = await fixture.OwnerWithWalletAsync(500_00);

        var tooBig = await Wallet(owner).Pay(Payment("big", CommerceClusterFixture.PaymentLimit + 1, "4321"));
        var a = await Wallet(owner).Pay(Payment("a", 50_00, "4321"));
        var b = await Wallet(owner).Pay(Payment("b", 50_00, "4321"));
        var c = await Wallet(owner).Pay(Payment("c", 50_00, "4321"));

        Assert.Equal(
            [PaymentOutcome.OverPaymentLimit, PaymentOutcome.Charged, PaymentOutcome.Charged, PaymentOutcome.OverDailyLimit],
            new[] { tooBig.Outcome, a.Outcome, b.Outcome, c.Outcome });
        Assert.Equal(400_00, (await Wallet(owner).GetSummary()).Balance);
    }

    [Fact]
    public async Task Paying_more_than_the_wallet_holds_is_refused()
    {
        var owner = await fixture.OwnerWithWalletAsync(5_00);

        var result = await Wallet(owner).Pay(Payment("order-1", 5_01, "4321"));

        Assert.Equal((PaymentOutcome.InsufficientFunds, 5_00L), (result.Outcome, result.Balance));
    }

    [Fact]
    public async Task The_paid_merchant_can_refund_in_parts_but_never_more_than_was_paid()
    {
        var owner = await fixture.OwnerWithWalletAsync(40_00);
        var paid = await Wallet(owner).Pay(Payment("order-1", 20_00, "4321"));

        var part = await Wallet(owner).Refund(Merchant, paid.TransactionId!, "refund-1", 5_00);
        var repeat = await Wallet(owner).Refund(Merchant, paid.TransactionId!, "refund-1", 5_00);
        var tooMuch = await Assert.ThrowsAsync<CommerceRejectedException>(
            () => Wallet(owner).Refund(Merchant, paid.TransactionId!, "refund-2", 15_01));

        Assert.Equal((25_00L, true), (repeat.Balance, repeat.Replayed));
        Assert.Equal(part.TransactionId, repeat.TransactionId);
        Assert.True(tooMuch.IsConflict);
    }

    [Fact]
    public async Task Another_merchant_cannot_refund_a_payment_it_was_not_paid()
    {
        var owner = await fixture.OwnerWithWalletAsync(40_00);
        var paid = await Wallet(owner).Pay(Payment("order-1", 20_00, "4321"));

        var refused = await Assert.ThrowsAsync<CommerceRejectedException>(
            () => Wallet(owner).Refund("pizza-place", paid.TransactionId!, "refund-1", 1_00));

        Assert.False(refused.IsConflict);
        Assert.Equal(20_00, (await Wallet(owner).GetSummary()).Balance);
    }

    [Fact]
    public async Task Changing_the_pin_needs_the_current_one()
    {
        var owner = await fixture.OwnerWithWalletAsync(10_00);

        var wrong = await Assert.ThrowsAsync<CommerceRejectedException>(() => Wallet(owner).SetPin("9999", "1234"));
        await Wallet(owner).SetPin("9999", "4321");
        var paid = await Wallet(owner).Pay(Payment("order-1", 1_00, "9999"));

        Assert.True(wrong.IsConflict);
        Assert.Equal(PaymentOutcome.Charged, paid.Outcome);
    }

    [Fact]
    public async Task The_pin_is_stored_only_as_a_salted_hash()
    {
        var owner = await fixture.OwnerWithWalletAsync(0, pin: "8642");

        await using var connection = new SqliteConnection($"Data Source={fixture.DatabaseFile}");
        var payload = await connection.QuerySingleAsync<byte[]>(
            "SELECT payload FROM grain_state WHERE state_name = 'wallet' AND grain_key LIKE '%' || @owner", new { owner });

        Assert.DoesNotContain("8642", Encoding.UTF8.GetString(payload), StringComparison.Ordinal);
        Assert.DoesNotContain("8642", Encoding.Unicode.GetString(payload), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_amounts_keys_and_pins_are_refused_with_a_reason()
    {
        var owner = await fixture.OwnerWithWalletAsync(10_00);

        await Assert.ThrowsAsync<CommerceRejectedException>(() => Wallet(owner).TopUp("t", 0));
        await Assert.ThrowsAsync<CommerceRejectedException>(() => Wallet(owner).TopUp("", 1_00));
        await Assert.ThrowsAsync<CommerceRejectedException>(() => Wallet(owner).Pay(Payment("p", -5, "4321")));
        await Assert.ThrowsAsync<CommerceRejectedException>(() => Wallet(owner).SetPin("12345", "4321"));
        await Assert.ThrowsAsync<CommerceRejectedException>(() => Wallet(owner).SetLimits(10_00, 5_00));
    }

    [Fact]
    public async Task A_wallet_of_an_owner_that_does_not_exist_refuses_everything()
    {
        await Assert.ThrowsAsync<OwnerNotFoundException>(() => Wallet("no-such-owner").TopUp("t", 1_00));
    }

    [Fact]
    public async Task After_all_of_this_the_books_still_balance()
    {
        var owner = await fixture.OwnerWithWalletAsync(30_00);
        var paid = await Wallet(owner).Pay(Payment("order-1", 9_00, "4321"));
        await Wallet(owner).Refund(Merchant, paid.TransactionId!, "r", 9_00);

        Assert.True((await fixture.Ledger.TrialBalanceAsync()).Balanced);
    }

    private IWalletGrain Wallet(string ownerId) => fixture.Client.GetGrain<IWalletGrain>(ownerId);

    private static PaymentRequest Payment(string key, long amount, string pin) => new(key, Merchant, amount, "ref-" + key, pin);
}
