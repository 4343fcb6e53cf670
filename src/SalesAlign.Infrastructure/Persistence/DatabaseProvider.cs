namespace SalesAlign.Infrastructure.Persistence;

public enum DatabaseProvider { Sqlite, Postgres, SqlServer }
