/**
 * The case aggregate: {@link casetrack.command.cases.Case} handles every command of
 * {@code casetrack.shared.command.CommandCatalog}, checks the consistency rules named in
 * {@link casetrack.command.cases.Rules} and records one event of {@code casetrack.shared.event.EventCatalog}
 * per command. {@link casetrack.command.cases.CaseState} is the fold the rules read.
 * <p>
 * Depends on {@code shared-events} and Axon only; the HTTP layer depends on this package
 * ({@link casetrack.command.cases.CommandResult}, {@link casetrack.command.cases.RuleViolation}), never the reverse.
 */
package casetrack.command.cases;
