using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lianxin.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Dispatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "assists_released_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reason_code",
                table: "return_requests",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "return_reasons",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name_en = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    position = table.Column<int>(type: "integer", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_return_reasons", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "routing_rules",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    category_id = table.Column<Guid>(type: "uuid", nullable: true),
                    region_id = table.Column<Guid>(type: "uuid", nullable: true),
                    lead_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    assist_unit_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<Guid>(type: "uuid", nullable: true),
                    deactivated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_routing_rules", x => x.id);
                    table.ForeignKey(
                        name: "fk_routing_rules_categories_category_id",
                        column: x => x.category_id,
                        principalTable: "categories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_routing_rules_regions_region_id",
                        column: x => x.region_id,
                        principalTable: "regions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_routing_rules_units_lead_unit_id",
                        column: x => x.lead_unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "unit_groups",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_unit_groups", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "routing_decisions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    work_order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    category_id = table.Column<Guid>(type: "uuid", nullable: false),
                    region_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    suggested_unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    rule_id = table.Column<Guid>(type: "uuid", nullable: true),
                    chosen_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    taken = table.Column<bool>(type: "boolean", nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    decided_by = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_routing_decisions", x => x.id);
                    table.ForeignKey(
                        name: "fk_routing_decisions_categories_category_id",
                        column: x => x.category_id,
                        principalTable: "categories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_routing_decisions_routing_rules_rule_id",
                        column: x => x.rule_id,
                        principalTable: "routing_rules",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_routing_decisions_work_orders_work_order_id",
                        column: x => x.work_order_id,
                        principalTable: "work_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "help_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    work_order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    group_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    offered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    offered_by = table.Column<Guid>(type: "uuid", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    claimed_unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    claimed_by = table.Column<Guid>(type: "uuid", nullable: true),
                    assignment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    closed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_help_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_help_requests_unit_groups_group_id",
                        column: x => x.group_id,
                        principalTable: "unit_groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_help_requests_work_orders_work_order_id",
                        column: x => x.work_order_id,
                        principalTable: "work_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "unit_group_member",
                columns: table => new
                {
                    group_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_unit_group_member", x => new { x.group_id, x.unit_id });
                    table.ForeignKey(
                        name: "fk_unit_group_member_unit_groups_group_id",
                        column: x => x.group_id,
                        principalTable: "unit_groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_unit_group_member_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_return_requests_requested_at",
                table: "return_requests",
                column: "requested_at");

            migrationBuilder.CreateIndex(
                name: "ix_help_requests_group_id_status",
                table: "help_requests",
                columns: new[] { "group_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_help_requests_status_expires_at",
                table: "help_requests",
                columns: new[] { "status", "expires_at" });

            migrationBuilder.CreateIndex(
                name: "ix_help_requests_work_order_id",
                table: "help_requests",
                column: "work_order_id");

            migrationBuilder.CreateIndex(
                name: "ix_routing_decisions_at",
                table: "routing_decisions",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_routing_decisions_category_id",
                table: "routing_decisions",
                column: "category_id");

            migrationBuilder.CreateIndex(
                name: "ix_routing_decisions_rule_id",
                table: "routing_decisions",
                column: "rule_id");

            migrationBuilder.CreateIndex(
                name: "ix_routing_decisions_work_order_id",
                table: "routing_decisions",
                column: "work_order_id");

            migrationBuilder.CreateIndex(
                name: "ix_routing_rules_category_id_region_id",
                table: "routing_rules",
                columns: new[] { "category_id", "region_id" });

            migrationBuilder.CreateIndex(
                name: "ix_routing_rules_lead_unit_id",
                table: "routing_rules",
                column: "lead_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_routing_rules_region_id",
                table: "routing_rules",
                column: "region_id");

            migrationBuilder.CreateIndex(
                name: "ix_unit_group_member_unit_id",
                table: "unit_group_member",
                column: "unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_unit_groups_name",
                table: "unit_groups",
                column: "name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "help_requests");

            migrationBuilder.DropTable(
                name: "return_reasons");

            migrationBuilder.DropTable(
                name: "routing_decisions");

            migrationBuilder.DropTable(
                name: "unit_group_member");

            migrationBuilder.DropTable(
                name: "routing_rules");

            migrationBuilder.DropTable(
                name: "unit_groups");

            migrationBuilder.DropIndex(
                name: "ix_return_requests_requested_at",
                table: "return_requests");

            migrationBuilder.DropColumn(
                name: "assists_released_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "reason_code",
                table: "return_requests");
        }
    }
}
