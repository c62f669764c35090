package io.parley.console.inbox;

import io.parley.platform.UpstreamException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * The provider refused an attached file or could not be reached while uploading it: the desk says so (422, as the
 * API does) in the page's flash region or on the error page, and nothing was sent. The shell's errors cover the
 * rest; this one exists because only the conversation page uploads to a provider.
 */
@ControllerAdvice(assignableTypes = DeskActionsController.class)
class ConversationUploadErrors {

    @ExceptionHandler(UpstreamException.class)
    String uploadFailed(UpstreamException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(422);
        model.addAttribute("problem", e.getMessage() + (e.retriable() ? " (nothing was sent; try again)" : ""));
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Retarget", "#flash");
            response.setHeader("HX-Reswap", "innerHTML");
            return "console/fragments :: flash-error";
        }
        return "console/error";
    }
}
