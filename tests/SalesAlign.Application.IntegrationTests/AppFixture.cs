using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Contracts.Live;
using SalesAlign.Domain.Proposals;
using SalesAlign.Infrastructure.Persistence;
using SalesAlign.Infrastructure.Tenancy;

namespace SalesAlign.Application.IntegrationTests;

/// <summary>
/// The application as a host runs it — real mediator, pipeline, handlers and a migrated database — minus HTTP.
/// Each <see cref="SendAsync{T}(Guid, Actor?, ICommand{T})"/> is one scope, like one request. Tests isolate
/// themselves by creating fresh tenants.
/// </summary>
public abstract class AppFixture : IAsyncLifetime
{
    private ServiceProvider? _services;

    public string? UnavailableBecause { get; protected set; }

    /// <summary>Runs inside SaveChanges, before the SQL, on the scope's own connection and transaction; one shot.</summary>
    public Func<DbContext, Task>? BeforeNextSave { get; set; }

    /// <summary>Runs when a transaction is about to commit, after its SaveChanges; one shot. Throwing abandons the commit.</summary>
    public Func<Task>? BeforeNextCommit { get; set; }

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("Fixture not initialized.");

    /// <summary>The ephemeral signals sent (what the hub would broadcast), in order.</summary>
    public SignalRecorder Signals { get; } = new();

    protected abstract void AddDatabase(IServiceCollection services, Action<DbContextOptionsBuilder> common);

    protected abstract Task<bool> PrepareAsync();

    protected abstract Task MigrateAsync();

    public async Task InitializeAsync()
    {
        if (!await PrepareAsync())
            return;
        var services = new ServiceCollection();
        services.AddApplication();
        services.AddScoped<TenantContext>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        services.AddScoped<TestCurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<TestCurrentUser>());
        services.AddSingleton<ILiveSignalTarget>(Signals);
        var hook = new HookInterceptor(this);
        AddDatabase(services, o => o.AddInterceptors(new TenancySaveChangesInterceptor(), new AfterCommitInterceptor(), hook, new CommitHookInterceptor(this)));
        services.AddScoped<IAfterCommit>(sp => sp.GetRequiredService<AppDbContext>().AfterCommit);
        _services = services.BuildServiceProvider(validateScopes: true);
        await MigrateAsync();
    }

    public Task<T> SendAsync<T>(Guid tenantId, Actor? user, ICommand<T> command) => InScope(tenantId, u => u.Member = user, s => s.Send(command));

    public Task<T> SendAsync<T>(Guid tenantId, Actor? user, IQuery<T> query) => InScope(tenantId, u => u.Member = user, s => s.Send(query));

    /// <summary>Sends as a caller the test describes: anonymous, the system actor (as workers act), …</summary>
    public Task<T> SendAsAsync<T>(Guid tenantId, Action<TestCurrentUser> caller, IQuery<T> query) => InScope(tenantId, caller, s => s.Send(query));

    public Task<T> SendAsAsync<T>(Guid tenantId, Action<TestCurrentUser> caller, ICommand<T> command) => InScope(tenantId, caller, s => s.Send(command));

    public async Task<T> InDbAsync<T>(Guid tenantId, Func<AppDbContext, Task<T>> read)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenantId, $"t-{tenantId:N}");
        return await read(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task<Guid> CreateTenantAsync()
    {
        var id = Guid.NewGuid();
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Tenants.Add(new Domain.Tenancy.Tenant { Id = id, Slug = $"t-{id:N}", Name = "Test tenant", TimeZone = "Europe/Berlin" });
        await db.SaveChangesAsync();
        return id;
    }

    private async Task<T> InScope<T>(Guid tenantId, Action<TestCurrentUser> caller, Func<ISender, ValueTask<T>> send)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenantId, $"t-{tenantId:N}");
        caller(scope.ServiceProvider.GetRequiredService<TestCurrentUser>());
        return await send(scope.ServiceProvider.GetRequiredService<ISender>());
    }

    public virtual async Task DisposeAsync()
    {
        if (_services is not null)
            await _services.DisposeAsync();
    }

    private sealed class CommitHookInterceptor(AppFixture fixture) : DbTransactionInterceptor
    {
        public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
            System.Data.Common.DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (fixture.BeforeNextCommit is { } hook)
            {
                fixture.BeforeNextCommit = null;
                await hook();
            }
            return result;
        }
    }

    private sealed class HookInterceptor(AppFixture fixture) : SaveChangesInterceptor
    {
        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (fixture.BeforeNextSave is { } hook && eventData.Context is { } context)
            {
                fixture.BeforeNextSave = null;
                await hook(context);
            }
            return result;
        }
    }
}

public sealed class SqliteAppFixture : AppFixture
{
    private readonly string _folder = Directory.CreateTempSubdirectory("salesalign-app-").FullName;

    protected override void AddDatabase(IServiceCollection services, Action<DbContextOptionsBuilder> common)
    {
        var connection = $"Data Source={Path.Combine(_folder, "app.db")};Pooling=False";
        services.AddDbContext<SqliteAppDbContext>(o => common(o.UseSalesAlignSqlite(connection)));
        services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqliteAppDbContext>());
        services.AddScoped<IAppDbContext>(sp => sp.GetRequiredService<SqliteAppDbContext>());
    }

    protected override Task<bool> PrepareAsync() => Task.FromResult(true);

    protected override async Task MigrateAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.MigrateAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>
/// The PostgreSQL build/test.sh starts: handlers run as the app role (bound by row-level security), the
/// fixture's own database is migrated as the owner and dropped afterwards. Under SALESALIGN_TEST_RUN=1 a
/// missing server fails; elsewhere tests return early and say why.
/// </summary>
public sealed class PostgresAppFixture : AppFixture
{
    private readonly string _database = $"salesalign_app_{Guid.NewGuid():N}";
    private string _app = "";
    private string _owner = "";

    private string On(string server) => new NpgsqlConnectionStringBuilder(server) { Database = _database, Pooling = false }.ConnectionString;

    protected override void AddDatabase(IServiceCollection services, Action<DbContextOptionsBuilder> common)
    {
        services.AddDbContext<PostgresAppDbContext>(o => common(o.UseSalesAlignPostgres(On(_app))));
        services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<PostgresAppDbContext>());
        services.AddScoped<IAppDbContext>(sp => sp.GetRequiredService<PostgresAppDbContext>());
    }

    protected override Task<bool> PrepareAsync()
    {
        _app = Environment.GetEnvironmentVariable("SALESALIGN_TEST_POSTGRES") ?? "";
        _owner = Environment.GetEnvironmentVariable("SALESALIGN_TEST_POSTGRES_OWNER") ?? "";
        if (_app.Length > 0 && _owner.Length > 0)
            return Task.FromResult(true);
        if (Environment.GetEnvironmentVariable("SALESALIGN_TEST_RUN") == "1")
            throw new InvalidOperationException("build/test.sh ran but SALESALIGN_TEST_POSTGRES(_OWNER) is not set: PostgreSQL did not start.");
        UnavailableBecause = "SALESALIGN_TEST_POSTGRES or SALESALIGN_TEST_POSTGRES_OWNER is not set; run build/test.sh.";
        return Task.FromResult(false);
    }

    private PostgresAppDbContext OwnerContext() =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseSalesAlignPostgres(On(_owner)).Options, new TenantContext());

    protected override async Task MigrateAsync()
    {
        await using var owner = OwnerContext();
        await owner.Database.MigrateAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (UnavailableBecause is not null)
            return;
        await using var owner = OwnerContext();
        await owner.Database.EnsureDeletedAsync();
    }
}

/// <summary>Stands in for the hub as the host's signal target.</summary>
public sealed class SignalRecorder : ILiveSignalTarget
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<(Guid TenantId, LiveEventDto Signal)> _sent = new();

    public IReadOnlyList<LiveEventDto> Of(Guid tenantId, string type) => [.. _sent.Where(s => s.TenantId == tenantId && s.Signal.Type == type).Select(s => s.Signal)];

    public Task SendAsync(Guid tenantId, LiveEventDto signal, CancellationToken ct)
    {
        _sent.Enqueue((tenantId, signal));
        return Task.CompletedTask;
    }
}
