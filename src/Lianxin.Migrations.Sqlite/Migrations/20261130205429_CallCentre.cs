using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lianxin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CallCentre : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "agent_presences",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    since = table.Column<DateTime>(type: "TEXT", nullable: false),
                    wrap_up_ends_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    next = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    next_reason = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    call_id = table.Column<string>(type: "TEXT", maxLength: 250, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agent_presences", x => x.user_id);
                    table.ForeignKey(
                        name: "fk_agent_presences_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "agent_state_spans",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    from = table.Column<DateTime>(type: "TEXT", nullable: false),
                    to = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agent_state_spans", x => x.id);
                    table.ForeignKey(
                        name: "fk_agent_state_spans_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "blocked_numbers",
                columns: table => new
                {
                    phone = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    created_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_blocked_numbers", x => x.phone);
                });

            migrationBuilder.CreateTable(
                name: "callbacks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    phone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    first_missed_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_missed_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    missed_calls = table.Column<int>(type: "INTEGER", nullable: false),
                    call_ids = table.Column<string>(type: "TEXT", nullable: false),
                    due_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    done_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    taken_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    taken_until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_callbacks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "phone_systems",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_phone_systems", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "callback_attempts",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    agent_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    reached = table.Column<bool>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    callback_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_callback_attempts", x => x.id);
                    table.ForeignKey(
                        name: "fk_callback_attempts_callbacks_callback_id",
                        column: x => x.callback_id,
                        principalTable: "callbacks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_callback_attempts_users_agent_id",
                        column: x => x.agent_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cti_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    phone_system_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    call_id = table.Column<string>(type: "TEXT", maxLength: 250, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    received_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    fields = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cti_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_cti_events_phone_systems_phone_system_id",
                        column: x => x.phone_system_id,
                        principalTable: "phone_systems",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "phone_calls",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    phone_system_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    external_id = table.Column<string>(type: "TEXT", maxLength: 250, nullable: false),
                    direction = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    from = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    to = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    queue = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    offered_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    answered_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ended_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    cause = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    extension = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    agent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    loss = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    wait_seconds = table.Column<double>(type: "REAL", nullable: true),
                    talk_seconds = table.Column<double>(type: "REAL", nullable: true),
                    agents_signed_in_at_offer = table.Column<bool>(type: "INTEGER", nullable: false),
                    within_service_hours = table.Column<bool>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_phone_calls", x => x.id);
                    table.ForeignKey(
                        name: "fk_phone_calls_phone_systems_phone_system_id",
                        column: x => x.phone_system_id,
                        principalTable: "phone_systems",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_phone_calls_users_agent_id",
                        column: x => x.agent_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "call_work_orders",
                columns: table => new
                {
                    call_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    work_order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    linked_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_call_work_orders", x => new { x.call_id, x.work_order_id });
                    table.ForeignKey(
                        name: "fk_call_work_orders_phone_calls_call_id",
                        column: x => x.call_id,
                        principalTable: "phone_calls",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_call_work_orders_work_orders_work_order_id",
                        column: x => x.work_order_id,
                        principalTable: "work_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_agent_state_spans_to",
                table: "agent_state_spans",
                column: "to");

            migrationBuilder.CreateIndex(
                name: "ix_agent_state_spans_user_id_from",
                table: "agent_state_spans",
                columns: new[] { "user_id", "from" });

            migrationBuilder.CreateIndex(
                name: "ix_call_work_orders_work_order_id",
                table: "call_work_orders",
                column: "work_order_id");

            migrationBuilder.CreateIndex(
                name: "ix_callback_attempts_agent_id",
                table: "callback_attempts",
                column: "agent_id");

            migrationBuilder.CreateIndex(
                name: "ix_callback_attempts_callback_id",
                table: "callback_attempts",
                column: "callback_id");

            migrationBuilder.CreateIndex(
                name: "ix_callbacks_status_due_at",
                table: "callbacks",
                columns: new[] { "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ux_callbacks_open_phone",
                table: "callbacks",
                column: "phone",
                unique: true,
                filter: "\"status\" = 'Open'");

            migrationBuilder.CreateIndex(
                name: "ix_cti_events_phone_system_id_call_id_kind",
                table: "cti_events",
                columns: new[] { "phone_system_id", "call_id", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cti_events_received_at",
                table: "cti_events",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "ix_phone_calls_agent_id_offered_at",
                table: "phone_calls",
                columns: new[] { "agent_id", "offered_at" });

            migrationBuilder.CreateIndex(
                name: "ix_phone_calls_from_offered_at",
                table: "phone_calls",
                columns: new[] { "from", "offered_at" });

            migrationBuilder.CreateIndex(
                name: "ix_phone_calls_offered_at",
                table: "phone_calls",
                column: "offered_at");

            migrationBuilder.CreateIndex(
                name: "ix_phone_calls_open",
                table: "phone_calls",
                column: "offered_at",
                filter: "\"ended_at\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_phone_calls_phone_system_id_external_id",
                table: "phone_calls",
                columns: new[] { "phone_system_id", "external_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_phone_systems_token_hash",
                table: "phone_systems",
                column: "token_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agent_presences");

            migrationBuilder.DropTable(
                name: "agent_state_spans");

            migrationBuilder.DropTable(
                name: "blocked_numbers");

            migrationBuilder.DropTable(
                name: "call_work_orders");

            migrationBuilder.DropTable(
                name: "callback_attempts");

            migrationBuilder.DropTable(
                name: "cti_events");

            migrationBuilder.DropTable(
                name: "phone_calls");

            migrationBuilder.DropTable(
                name: "callbacks");

            migrationBuilder.DropTable(
                name: "phone_systems");
        }
    }
}
