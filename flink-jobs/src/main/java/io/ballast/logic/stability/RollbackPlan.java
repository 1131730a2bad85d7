package io.ballast.logic.stability;

import java.util.List;

/**
 * The rollback for one persistent spike incident, field for field what a {@code rollback} action carries, plus
 * the step the target was chosen against.
 *
 * @param targetStep newest saved checkpoint before {@code troubleStep}; null when none exists
 * @param troubleStep first sign of trouble: the spike onset, or the step at/before the earliest correlated evidence
 * @param hardwareCause true when evidence on the job's nodes preceded the onset
 */
public record RollbackPlan(String job, long spikeStep, Long targetStep, String targetUri, long skipFromStep,
                           long skipToStep, List<String> suspectNodes, String reason, List<String> evidence,
                           long troubleStep, boolean hardwareCause) {

    public boolean hasTarget() {
        return targetStep != null;
    }
}
