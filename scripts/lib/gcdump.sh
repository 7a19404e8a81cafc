#!/usr/bin/env bash
# dotnet-gcdump from the repository's local tool manifest (dotnet-tools.json), callable as one program.
cd "$(dirname "$0")/../.." && exec dotnet tool run dotnet-gcdump "$@"
