# syntax=docker/dockerfile:1
# The chainpos image: silo, co-hosted gRPC gateway, or gateway only (ChainPos__Role), and `chainpos migrate`.
# Build from the repository root:  docker build -f k8s/images/chainpos.Dockerfile -t chainpos:1.0.0 .
# Multi-stage: the SDK image builds, the ASP.NET Core runtime image runs it as the non-root `app` user.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so a code change does not re-download packages.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ChainPos.Abstractions/ChainPos.Abstractions.csproj src/ChainPos.Abstractions/
COPY src/ChainPos.Domain/ChainPos.Domain.csproj src/ChainPos.Domain/
COPY src/ChainPos.Gateway/ChainPos.Gateway.csproj src/ChainPos.Gateway/
COPY src/ChainPos.Grains/ChainPos.Grains.csproj src/ChainPos.Grains/
COPY src/ChainPos.ServiceDefaults/ChainPos.ServiceDefaults.csproj src/ChainPos.ServiceDefaults/
COPY src/ChainPos.Silo/ChainPos.Silo.csproj src/ChainPos.Silo/
COPY src/ChainPos.Storage/ChainPos.Storage.csproj src/ChainPos.Storage/
RUN dotnet restore src/ChainPos.Silo/ChainPos.Silo.csproj
COPY protos/ protos/
COPY src/ src/
RUN dotnet publish src/ChainPos.Silo/ChainPos.Silo.csproj -c Release --no-restore -o /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# In a container the endpoints listen on every interface; the silo advertises the pod IP (set by the manifests).
ENV ChainPos__ListenAddress=0.0.0.0 \
    DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0
# gRPC (h2c), HTTP operations (metrics, health, dashboard), silo-to-silo, Orleans client gateway.
EXPOSE 5080 5081 11111 30000
# APP_UID is the non-root `app` user of the .NET images; the manifests also set runAsNonRoot.
USER $APP_UID
ENTRYPOINT ["dotnet", "chainpos.dll"]
