package com.vocelio.transfer.boundary;

import com.vocelio.call.entity.Call;
import com.vocelio.department.entity.Department;
import com.vocelio.platform.boundary.BusinessException;

/** A transfer request or move clashes with where the call, the department or the transfer stands now. */
public class TransferConflictException extends BusinessException {

    private static final long serialVersionUID = 1L;

    public static TransferConflictException departmentInactive(Department department) {
        return new TransferConflictException(
                "department_inactive", "Department " + department.name() + " is not taking transfers");
    }

    public static TransferConflictException inProgress(String callId, String openTransferId) {
        return new TransferConflictException(
                "transfer_in_progress", "Call " + callId + " already has an open transfer (" + openTransferId + ")");
    }

    /** Another request of the call won the race to its one open transfer. */
    public static TransferConflictException lostRace(String callId) {
        return new TransferConflictException(
                "transfer_in_progress", "Call " + callId + " got another transfer a moment ago");
    }

    public static TransferConflictException callEnded(String callId, Call call) {
        return new TransferConflictException(
                "call_ended", "Call " + callId + " has ended (" + call.status().wireName() + ")");
    }

    public static TransferConflictException queueFull(Department department) {
        return new TransferConflictException(
                "queue_full",
                "The queue of " + department.name() + " is full ("
                        + department.policy().maxQueueLength() + " waiting)");
    }

    public static TransferConflictException taken(String transferId, String agentId) {
        return new TransferConflictException(
                "transfer_taken", "Transfer " + transferId + " was accepted by agent " + agentId);
    }

    private TransferConflictException(String code, String message) {
        super(Kind.CONFLICT, code, message);
    }
}
