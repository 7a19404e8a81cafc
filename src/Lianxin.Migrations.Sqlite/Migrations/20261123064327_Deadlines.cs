using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lianxin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Deadlines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_supervision_records_unit_id_kind_replied_at",
                table: "supervision_records");

            migrationBuilder.AddColumn<DateTime>(
                name: "completion_approaching_at",
                table: "work_orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "completion_due_at",
                table: "work_orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "completion_limit_quantity",
                table: "work_orders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "completion_limit_unit",
                table: "work_orders",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "completion_met_at",
                table: "work_orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "completion_start_at",
                table: "work_orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "completion_state",
                table: "work_orders",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "contact_approaching_at",
                table: "work_orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "contact_due_at",
                table: "work_orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "contact_limit_quantity",
                table: "work_orders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "contact_limit_unit",
                table: "work_orders",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "contact_met_at",
                table: "work_orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "contact_start_at",
                table: "work_orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "contact_state",
                table: "work_orders",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "contacted_at",
                table: "work_orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "extension_days",
                table: "work_orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "policy_id",
                table: "work_orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "sign_for_approaching_at",
                table: "work_orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "sign_for_due_at",
                table: "work_orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "sign_for_limit_quantity",
                table: "work_orders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sign_for_limit_unit",
                table: "work_orders",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "sign_for_met_at",
                table: "work_orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "sign_for_start_at",
                table: "work_orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sign_for_state",
                table: "work_orders",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "signed_for_at",
                table: "work_orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "suspended_since",
                table: "work_orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "reply_due_at",
                table: "supervision_records",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "completion_approaching_at",
                table: "assignments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "completion_due_at",
                table: "assignments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "completion_limit_quantity",
                table: "assignments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "completion_limit_unit",
                table: "assignments",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "completion_met_at",
                table: "assignments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "completion_start_at",
                table: "assignments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "completion_state",
                table: "assignments",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "sign_for_approaching_at",
                table: "assignments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "sign_for_due_at",
                table: "assignments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "sign_for_limit_quantity",
                table: "assignments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sign_for_limit_unit",
                table: "assignments",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "sign_for_met_at",
                table: "assignments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "sign_for_start_at",
                table: "assignments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sign_for_state",
                table: "assignments",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "calendar_overrides",
                columns: table => new
                {
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    is_workday = table.Column<bool>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calendar_overrides", x => x.date);
                });

            migrationBuilder.CreateTable(
                name: "deadline_checks",
                columns: table => new
                {
                    work_order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deadline_checks", x => x.work_order_id);
                    table.ForeignKey(
                        name: "fk_deadline_checks_work_orders_work_order_id",
                        column: x => x.work_order_id,
                        principalTable: "work_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "deadline_policies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    urgency = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    demand_type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    category_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    sign_for_quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    sign_for_unit = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    contact_quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    contact_unit = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    completion_quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    completion_unit = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    supersedes_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    retired_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deadline_policies", x => x.id);
                    table.ForeignKey(
                        name: "fk_deadline_policies_categories_category_id",
                        column: x => x.category_id,
                        principalTable: "categories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "imported_holiday_years",
                columns: table => new
                {
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    json = table.Column<string>(type: "TEXT", nullable: false),
                    imported_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    imported_by = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_imported_holiday_years", x => x.year);
                });

            migrationBuilder.CreateTable(
                name: "notification_reads",
                columns: table => new
                {
                    notification_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    read_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notification_reads", x => new { x.notification_id, x.user_id });
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    work_order_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    work_order_number = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    unit_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    role = table.Column<int>(type: "INTEGER", nullable: true),
                    text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    data = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "work_order_suspensions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    work_order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    from = table.Column<DateTime>(type: "TEXT", nullable: false),
                    to = table.Column<DateTime>(type: "TEXT", nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    suspended_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    resumed_by = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_order_suspensions", x => x.id);
                    table.ForeignKey(
                        name: "fk_work_order_suspensions_work_orders_work_order_id",
                        column: x => x.work_order_id,
                        principalTable: "work_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_policy_id",
                table: "work_orders",
                column: "policy_id");

            migrationBuilder.CreateIndex(
                name: "ix_supervision_records_open",
                table: "supervision_records",
                columns: new[] { "unit_id", "reply_due_at" },
                filter: "\"kind\" = 'Supervise' AND \"replied_at\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_deadline_checks_at",
                table: "deadline_checks",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_deadline_policies_category_id",
                table: "deadline_policies",
                column: "category_id");

            migrationBuilder.CreateIndex(
                name: "ix_deadline_policies_is_active_urgency_demand_type_category_id",
                table: "deadline_policies",
                columns: new[] { "is_active", "urgency", "demand_type", "category_id" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_role_created_at",
                table: "notifications",
                columns: new[] { "role", "created_at" },
                filter: "\"role\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_unit_id_created_at",
                table: "notifications",
                columns: new[] { "unit_id", "created_at" },
                filter: "\"unit_id\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_work_order_suspensions_work_order_id",
                table: "work_order_suspensions",
                column: "work_order_id");

            migrationBuilder.AddForeignKey(
                name: "fk_work_orders_deadline_policies_policy_id",
                table: "work_orders",
                column: "policy_id",
                principalTable: "deadline_policies",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_work_orders_deadline_policies_policy_id",
                table: "work_orders");

            migrationBuilder.DropTable(
                name: "calendar_overrides");

            migrationBuilder.DropTable(
                name: "deadline_checks");

            migrationBuilder.DropTable(
                name: "deadline_policies");

            migrationBuilder.DropTable(
                name: "imported_holiday_years");

            migrationBuilder.DropTable(
                name: "notification_reads");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "work_order_suspensions");

            migrationBuilder.DropIndex(
                name: "ix_work_orders_policy_id",
                table: "work_orders");

            migrationBuilder.DropIndex(
                name: "ix_supervision_records_open",
                table: "supervision_records");

            migrationBuilder.DropColumn(
                name: "completion_approaching_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "completion_due_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "completion_limit_quantity",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "completion_limit_unit",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "completion_met_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "completion_start_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "completion_state",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "contact_approaching_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "contact_due_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "contact_limit_quantity",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "contact_limit_unit",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "contact_met_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "contact_start_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "contact_state",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "contacted_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "extension_days",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "policy_id",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "sign_for_approaching_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "sign_for_due_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "sign_for_limit_quantity",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "sign_for_limit_unit",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "sign_for_met_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "sign_for_start_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "sign_for_state",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "signed_for_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "suspended_since",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "reply_due_at",
                table: "supervision_records");

            migrationBuilder.DropColumn(
                name: "completion_approaching_at",
                table: "assignments");

            migrationBuilder.DropColumn(
                name: "completion_due_at",
                table: "assignments");

            migrationBuilder.DropColumn(
                name: "completion_limit_quantity",
                table: "assignments");

            migrationBuilder.DropColumn(
                name: "completion_limit_unit",
                table: "assignments");

            migrationBuilder.DropColumn(
                name: "completion_met_at",
                table: "assignments");

            migrationBuilder.DropColumn(
                name: "completion_start_at",
                table: "assignments");

            migrationBuilder.DropColumn(
                name: "completion_state",
                table: "assignments");

            migrationBuilder.DropColumn(
                name: "sign_for_approaching_at",
                table: "assignments");

            migrationBuilder.DropColumn(
                name: "sign_for_due_at",
                table: "assignments");

            migrationBuilder.DropColumn(
                name: "sign_for_limit_quantity",
                table: "assignments");

            migrationBuilder.DropColumn(
                name: "sign_for_limit_unit",
                table: "assignments");

            migrationBuilder.DropColumn(
                name: "sign_for_met_at",
                table: "assignments");

            migrationBuilder.DropColumn(
                name: "sign_for_start_at",
                table: "assignments");

            migrationBuilder.DropColumn(
                name: "sign_for_state",
                table: "assignments");

            migrationBuilder.CreateIndex(
                name: "ix_supervision_records_unit_id_kind_replied_at",
                table: "supervision_records",
                columns: new[] { "unit_id", "kind", "replied_at" });
        }
    }
}
