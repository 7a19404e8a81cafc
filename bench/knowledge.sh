#!/usr/bin/env bash
# Knowledge search (知识检索) over HTTP with a few thousand articles, on SQLite and PostgreSQL (docs/benchmarks.md).
#   bench/knowledge.sh          5,000 articles
#   bench/knowledge.sh 2000     fewer
# Starts the Release app on a fresh database of each provider, adds the articles through the API (an
# editor's POSTs), then times searches the console makes — a word, two words, a caller's sentence (the
# keyword-in-text match), a category alone, a sentence with its category — 60 each, one client, and
# prints p50/p95 in ms. Results go to bench/results/knowledge-<time>/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
source scripts/lib/postgres.sh

total=${1:-5000}
port=${PORT:-5083}
out=bench/results/knowledge-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
base=http://127.0.0.1:$port

app_pid=
cleanup() {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null; fi
}
lx_install_traps
lx_register_cleanup cleanup
dotnet build -c Release -nologo -v q src/Lianxin.Web

start_app() { # provider connection-string
  (cd src/Lianxin.Web && \
    Lianxin__Database__Provider=$1 ConnectionStrings__Lianxin="$2" Lianxin__Demo__Seed=false \
    Lianxin__Admin__Password=bench-admin-1 Lianxin__Auth__LoginAttemptsPerMinute=100000 Lianxin__Deadlines__SweepIntervalSeconds=0 \
    ASPNETCORE_URLS=$base Logging__LogLevel__Default=Warning \
    exec dotnet bin/Release/net10.0/Lianxin.Web.dll) >>"$out/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 240); do
    curl -sf "$base/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "error: the app did not start; see $out/app.log" >&2
  return 1
}
stop_app() { kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=; }

words=(停水 来水 水压 漏水 水表 水费 水质 暖气 供暖 室温 采暖费 下水道 地漏 跳闸 停电 燃气 电梯 噪音 施工 物业费 道闸 垃圾 路灯 井盖 绿化 违建 油烟 占道 公交 医保 社保 户籍 学籍 公积金 预付卡 退货 出租车 养老 低保 楼道)
verbs=(查询 报修 投诉 咨询 标准 时间 办理 流程 费用 责任 应急 指导 规定 申请 处理)
sentence() { # n words
  local s="" i
  for ((i = 0; i < $1; i++)); do s+="${words[RANDOM % ${#words[@]}]}${verbs[RANDOM % ${#verbs[@]}]}，请来电人按规定办理相关手续"; done
  printf '%s' "$s"
}

seed() {
  local token categories i n
  token=$(curl -sf "$base/api/v1/auth/token" -H 'content-type: application/json' -d '{"username":"admin","password":"bench-admin-1"}' | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
  # A fresh database has no category tree: 10 branches of 6 leaves, as a centre's second and third levels.
  local root leaf b l
  categories=()
  for ((b = 0; b < 10; b++)); do
    root=$(curl -sf "$base/api/v1/categories" -H "Authorization: Bearer $token" -H 'content-type: application/json' \
      -d "{\"name\":\"${words[b]}类\"}" | grep -oE '"id":"[0-9a-f-]{36}"' | head -1 | cut -d'"' -f4)
    for ((l = 0; l < 6; l++)); do
      leaf=$(curl -sf "$base/api/v1/categories" -H "Authorization: Bearer $token" -H 'content-type: application/json' \
        -d "{\"name\":\"${words[b]}${verbs[l]}\",\"parentId\":\"$root\"}" | grep -oE '"id":"[0-9a-f-]{36}"' | head -1 | cut -d'"' -f4)
      categories+=("$leaf")
    done
  done
  if [ "${#categories[@]}" -ne 60 ] || [ -z "${categories[0]}" ]; then echo "error: could not create the categories" >&2; return 1; fi
  local start=$SECONDS
  for ((i = 0; i < total; i++)); do
    local w=${words[RANDOM % ${#words[@]}]} v=${verbs[RANDOM % ${#verbs[@]}]}
    local body
    body=$(printf '{"title":"%s%s%d","answer":"%s","categoryId":"%s","keywords":["%s","%s%s","%s"]}' \
      "$w" "$v" "$i" "$(sentence 6)" "${categories[RANDOM % ${#categories[@]}]}" "$w" "$w" "$v" "${words[RANDOM % ${#words[@]}]}")
    curl -sf -o /dev/null "$base/api/v1/knowledge" -H "Authorization: Bearer $token" -H 'content-type: application/json' -d "$body"
  done
  echo "seeded $total articles in $((SECONDS - start)) s" >&2
  printf '%s\n' "$token" "${categories[0]}"
}

time_query() { # label url token
  local times
  times=$(for _ in $(seq 1 60); do curl -sf -o /dev/null -w '%{time_total}\n' "$2" -H "Authorization: Bearer $3"; done | sort -n)
  local hits
  hits=$(curl -sf "$2" -H "Authorization: Bearer $3" | grep -o '"summary":' | wc -l)
  printf '| %s | %s | %s | %s |\n' "$1" "$hits" \
    "$(sed -n '30p' <<<"$times" | awk '{printf "%.1f", $1 * 1000}')" "$(sed -n '57p' <<<"$times" | awk '{printf "%.1f", $1 * 1000}')"
}

measure() { # provider
  local seeded token category
  seeded=$(seed)
  token=$(sed -n 1p <<<"$seeded")
  category=$(sed -n 2p <<<"$seeded")
  local caller enc
  caller="您好，我家这两天暖气一点都不热，室温只有十五度，想问一下供暖标准是多少，物业费和采暖费都交了"
  enc=$(printf '%s' "$caller" | od -An -tx1 | tr -d ' \n' | sed 's/../%&/g')
  echo "| $1, $total articles | hits (limit 20) | p50 ms | p95 ms |"
  echo "|---|---|---|---|"
  time_query "q=停水 (a word)" "$base/api/v1/knowledge?q=%E5%81%9C%E6%B0%B4" "$token"
  time_query "q=停水 查询 (two words)" "$base/api/v1/knowledge?q=%E5%81%9C%E6%B0%B4%20%E6%9F%A5%E8%AF%A2" "$token"
  time_query "q=a caller's sentence (${#caller} chars)" "$base/api/v1/knowledge?q=$enc" "$token"
  time_query "categoryId alone" "$base/api/v1/knowledge?categoryId=$category" "$token"
  time_query "sentence + categoryId" "$base/api/v1/knowledge?q=$enc&categoryId=$category" "$token"
  time_query "no filter (newest first)" "$base/api/v1/knowledge" "$token"
}

sqlite_dir=$(mktemp -d)
start_app sqlite "Data Source=$sqlite_dir/knowledge.db"
measure SQLite | tee "$out/sqlite.md"
stop_app
rm -rf "$sqlite_dir"

pg_ensure_installed
pg_throwaway_start
export PGPASSWORD=$LIANXIN_TEST_PGPASSWORD
"$PG_BINDIR/createdb" -h 127.0.0.1 -p "$LIANXIN_TEST_PGPORT" -U "$LIANXIN_TEST_PGUSER" knowledgebench
start_app postgres "Host=127.0.0.1;Port=$LIANXIN_TEST_PGPORT;Username=$LIANXIN_TEST_PGUSER;Password=$LIANXIN_TEST_PGPASSWORD;Database=knowledgebench"
measure PostgreSQL | tee "$out/postgres.md"
stop_app
echo "results in $out" >&2
