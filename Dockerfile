# syntax=docker/dockerfile:1
# The one deployable: the API host (HTTP API, identity, hub and web UI).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN dotnet restore src/SalesAlign.Api/SalesAlign.Api.csproj
RUN dotnet publish src/SalesAlign.Api/SalesAlign.Api.csproj -c Release -o /app --no-restore /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
EXPOSE 8080
# The image's non-root user (uid 1654); the app writes nothing outside its data folder.
USER $APP_UID
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD ["dotnet", "SalesAlign.Api.dll", "--healthcheck", "http://127.0.0.1:8080/health/live"]
ENTRYPOINT ["dotnet", "SalesAlign.Api.dll"]
