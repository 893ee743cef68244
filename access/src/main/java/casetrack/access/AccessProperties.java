package casetrack.access;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * {@code casetrack.access.*}: where credentials come from, and whether reading published views
 * needs a token. There are no default credentials: without any, nobody can write or audit.
 */
@ConfigurationProperties("casetrack.access")
public class AccessProperties {

    private String editorToken;
    private String auditorToken;
    private String readerToken;
    private Path usersFile;
    /** Reading the published views (cases, timelines, dashboard, pages) needs no token. */
    private boolean openReads = true;

    public String getEditorToken() {
        return editorToken;
    }

    public void setEditorToken(String editorToken) {
        this.editorToken = editorToken;
    }

    public String getAuditorToken() {
        return auditorToken;
    }

    public void setAuditorToken(String auditorToken) {
        this.auditorToken = auditorToken;
    }

    public String getReaderToken() {
        return readerToken;
    }

    public void setReaderToken(String readerToken) {
        this.readerToken = readerToken;
    }

    public Path getUsersFile() {
        return usersFile;
    }

    public void setUsersFile(Path usersFile) {
        this.usersFile = usersFile;
    }

    public boolean isOpenReads() {
        return openReads;
    }

    public void setOpenReads(boolean openReads) {
        this.openReads = openReads;
    }
}
