package io.opsline.servicedesk.internal.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceRequestTest {

    @Test
    void readsAReferenceInAnyCaseWithOrWithoutLeadingZeros() {
        assertThat(ServiceRequest.parseReference("REQ-000123")).isEqualTo(123);
        assertThat(ServiceRequest.parseReference(" req-7 ")).isEqualTo(7);
    }

    @Test
    void anythingElseIsNoReference() {
        assertThat(ServiceRequest.parseReference("INC-000123")).isEqualTo(-1);
        assertThat(ServiceRequest.parseReference("REQ-0")).isEqualTo(-1);
        assertThat(ServiceRequest.parseReference("REQ-")).isEqualTo(-1);
        assertThat(ServiceRequest.parseReference("REQ-99999999999999999999")).isEqualTo(-1);
        assertThat(ServiceRequest.parseReference(null)).isEqualTo(-1);
    }
}
