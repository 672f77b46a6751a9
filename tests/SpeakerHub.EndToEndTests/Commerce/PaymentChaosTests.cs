using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using SpeakerHub.Cloud.Abstractions.Commerce;
using SpeakerHub.Cloud.Grains.Commerce;
using SpeakerHub.EndToEndTests.Api;
using SpeakerHub.EndToEndTests.Infrastructure;

namespace SpeakerHub.EndToEndTests.Commerce;

/// <summary>
/// Money under stress on a real host: every payment is delivered more than once (concurrent duplicates,
/// late repeats), calls that fail are retried with the same key, and the host is restarted in the
/// middle. Afterwards every payment is in the ledger exactly once and the books balance to the cent.
/// </summary>
public sealed class PaymentChaosTests(ITestOutputHelper output)
{
    private int failedCalls;

    private const int Owners = 20;
    private const int PaymentsPerOwner = 50;
    private const long OpeningBalance = 1_500_00;
    private const string Pin = "5050";
    private static readonly string[] Merchants = ["burger-barn", "pizza-place", "noodle-bar"];

    [Fact]
    public async Task A_thousand_payments_with_duplicates_retries_and_a_restart_are_each_charged_exactly_once_and_the_ledger_balances()
    {
        await using var cloud = new CloudNode(new Dictionary<string, string?>
        {
            ["Commerce:PinHashIterations"] = "1000",
            ["Commerce:DefaultPaymentLimit"] = "100000",
            ["Commerce:DefaultDailyLimit"] = "300000",
        });
        await cloud.StartAsync();
        IWalletGrain Wallet(string ownerId) => cloud.Services.GetRequiredService<IGrainFactory>().GetGrain<IWalletGrain>(ownerId);

        var owners = new List<string>();
        for (var i = 0; i < Owners; i++)
        {
            var owner = (await OwnerAccounts.CreateAsync(cloud, $"chaos household {i}")).OwnerId;
            await Retry(() => Wallet(owner).TopUp("opening", OpeningBalance));
            await Retry(() => Wallet(owner).SetPin(Pin, null));
            owners.Add(owner);
        }

        var charged = new ConcurrentDictionary<string, (string Owner, long Amount, string TransactionId)>();
        var refunded = new ConcurrentDictionary<string, long>();
        var finished = 0;
        var restart = new TaskCompletionSource();
        var restarter = Task.Run(async () =>
        {
            await restart.Task;
            await cloud.RestartAsync();
        });

        await Task.WhenAll(owners.Select((owner, index) => Task.Run(async () =>
        {
            var random = new Random(index);
            for (var n = 0; n < PaymentsPerOwner; n++)
            {
                var key = $"order-{index}-{n}";
                var request = new PaymentRequest(key, Merchants[n % Merchants.Length], random.Next(1_00, 20_00), key, Pin);

                // Two deliveries at once, as a duplicated QoS 1 message would arrive; each retries until it has an answer.
                var deliveries = await Task.WhenAll(Retry(() => Wallet(owner).Pay(request)), Retry(() => Wallet(owner).Pay(request)));
                Assert.All(deliveries, result => Assert.Equal(PaymentOutcome.Charged, result.Outcome));
                Assert.Equal(deliveries[0].TransactionId, deliveries[1].TransactionId);
                charged[key] = (owner, request.Amount, deliveries[0].TransactionId!);

                if (n % 7 == 3)
                {
                    // A late third delivery after the answer went out, then a refund that is itself delivered twice.
                    var late = await Retry(() => Wallet(owner).Pay(request));
                    Assert.True(late.Replayed);
                    var refund = request.Amount / 2;
                    var receipts = await Task.WhenAll(
                        Retry(() => Wallet(owner).Refund(request.MerchantId, late.TransactionId!, "refund-" + key, refund)),
                        Retry(() => Wallet(owner).Refund(request.MerchantId, late.TransactionId!, "refund-" + key, refund)));
                    Assert.Equal(receipts[0].TransactionId, receipts[1].TransactionId);
                    refunded[key] = refund;
                }

                if (Interlocked.Increment(ref finished) == Owners * PaymentsPerOwner / 2)
                {
                    restart.TrySetResult();
                }
            }
        })));
        await restarter;
        output.WriteLine($"{failedCalls} calls failed around the restart and were sent again.");

        Assert.Equal(Owners * PaymentsPerOwner, charged.Count);
        var ledger = cloud.Services.GetRequiredService<Ledger>();
        var books = await ledger.TrialBalanceAsync();
        Assert.True(books.Balanced, $"The books do not balance: {books}");
        Assert.Equal(Owners /* top-ups */ + charged.Count + refunded.Count, books.Transactions);
        foreach (var owner in owners)
        {
            var paid = charged.Where(entry => entry.Value.Owner == owner).ToList();
            var expected = OpeningBalance - paid.Sum(entry => entry.Value.Amount) + paid.Sum(entry => refunded.GetValueOrDefault(entry.Key));
            Assert.Equal(expected, (await Wallet(owner).GetSummary()).Balance);
        }

        foreach (var merchant in Merchants)
        {
            var expected = charged.Where(entry => entry.Value.TransactionId is not null && Merchant(entry.Key) == merchant)
                .Sum(entry => entry.Value.Amount - refunded.GetValueOrDefault(entry.Key));
            Assert.Equal(expected, await ledger.BalanceAsync(LedgerAccounts.Merchant(merchant)));
        }
    }

    private static string Merchant(string key) => Merchants[int.Parse(key.Split('-')[2]) % Merchants.Length];

    /// <summary>
    /// Calls until an answer arrives: while the host restarts, calls fail in every way a client can see
    /// (host gone, silo stopping, call cut off), and the caller cannot know whether money moved, so it
    /// sends the same request again.
    /// </summary>
    private async Task<T> Retry<T>(Func<Task<T>> call)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception failure) when (failure is not CommerceRejectedException && !deadline.IsCancellationRequested)
            {
                Interlocked.Increment(ref failedCalls);
                await Task.Delay(50, deadline.Token);
            }
        }
    }

    private async Task Retry(Func<Task> call) => await Retry(async () =>
    {
        await call();
        return true;
    });
}
